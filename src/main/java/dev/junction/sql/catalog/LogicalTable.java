package dev.junction.sql.catalog;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table of a logical schema: the rows of a physical table in one engine, under the declared names and
 * types. Expands to a scan of the physical table and a projection that renames, and CASTs where the engine's
 * type differs from the declared one, so that filters, aggregates and joins above it still push down.
 */
final class LogicalTable extends AbstractTable implements TranslatableTable {
    private final String schemaName;
    private final LogicalTableDefinition definition;
    private final Supplier<SchemaPlus> root;

    LogicalTable(String schemaName, LogicalTableDefinition definition, Supplier<SchemaPlus> root) {
        this.schemaName = schemaName;
        this.definition = definition;
        this.root = root;
    }

    /**
     * Each declared column, with the physical column's length and nullability when the physical type is the
     * declared one (no CAST is needed then); otherwise the declared type.
     */
    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataType physical = physicalTable().getRowType(typeFactory);
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (LogicalColumn column : definition.columns()) {
            builder.add(column.name(), logicalType(typeFactory, column, physicalField(physical, column).getType()));
        }
        return builder.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        RelOptTable physicalTable = relOptTable.getRelOptSchema().getTableForMember(definition.source());
        if (physicalTable == null) {
            throw missingSource();
        }
        RelNode scan = physicalTable.toRel(context);
        RexBuilder rexBuilder = context.getCluster().getRexBuilder();
        RelDataTypeFactory typeFactory = rexBuilder.getTypeFactory();
        List<RexNode> projections = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (LogicalColumn column : definition.columns()) {
            RelDataTypeField field = physicalField(scan.getRowType(), column);
            RexNode reference = rexBuilder.makeInputRef(scan, field.getIndex());
            RelDataType type = logicalType(typeFactory, column, field.getType());
            projections.add(type.equals(field.getType()) ? reference : rexBuilder.makeCast(type, reference));
            names.add(column.name());
        }
        return RelBuilder.proto(context.getCluster().getPlanner().getContext())
                .create(context.getCluster(), relOptTable.getRelOptSchema())
                .push(scan)
                .project(projections, names, true)
                .build();
    }

    private static RelDataType logicalType(RelDataTypeFactory typeFactory, LogicalColumn column, RelDataType physical) {
        if (physical.getSqlTypeName() == column.type()) {
            return physical;
        }
        RelDataType declared = column.scale() >= 0
                ? typeFactory.createSqlType(column.type(), column.precision(), column.scale())
                : column.precision() >= 0
                        ? typeFactory.createSqlType(column.type(), column.precision())
                        : typeFactory.createSqlType(column.type());
        return typeFactory.createTypeWithNullability(declared, physical.isNullable());
    }

    private RelDataTypeField physicalField(RelDataType physical, LogicalColumn column) {
        RelDataTypeField field = physical.getField(column.physicalName(), false, false);
        if (field == null) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "Logical table '" + schemaName + "."
                    + definition.name() + "' maps column '" + column.name() + "' to '" + column.physicalName()
                    + "', which table '" + String.join(".", definition.source()) + "' does not have");
        }
        return field;
    }

    private Table physicalTable() {
        Schema schema = root.get();
        List<String> path = definition.source();
        for (String level : path.subList(0, path.size() - 1)) {
            schema = found(schema.subSchemas(), level);
            if (schema == null) {
                throw missingSource();
            }
        }
        Table table = found(schema.tables(), path.get(path.size() - 1));
        if (table == null) {
            throw missingSource();
        }
        return table;
    }

    private static <T> T found(Lookup<? extends T> lookup, String name) {
        T exact = lookup.get(name);
        if (exact != null) {
            return exact;
        }
        var named = lookup.getIgnoreCase(name);
        return named == null ? null : named.entity();
    }

    private JunctionException missingSource() {
        return new JunctionException(ErrorCode.TABLE_NOT_FOUND, "Logical table '" + schemaName + "." + definition.name()
                + "' reads table '" + String.join(".", definition.source()) + "', which does not exist (is its "
                + "engine's data loaded?)");
    }
}
