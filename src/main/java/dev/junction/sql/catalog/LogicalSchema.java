package dev.junction.sql.catalog;

import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A schema of logical tables declared in a connector file, each reading one engine's physical table. */
final class LogicalSchema extends AbstractSchema {
    private final Map<String, Table> tables;

    LogicalSchema(String name, List<LogicalTableDefinition> definitions, Supplier<SchemaPlus> root) {
        Map<String, Table> built = new LinkedHashMap<>();
        for (LogicalTableDefinition definition : definitions) {
            built.put(definition.name(), new LogicalTable(name, definition, root));
        }
        this.tables = Map.copyOf(built);
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }
}
