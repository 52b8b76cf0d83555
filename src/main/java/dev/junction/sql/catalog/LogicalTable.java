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
 * A table of a logical schema: the rows of a physical table in one engine, or of one of several replicas, under
 * the declared names and types. Expands to a scan of the physical table and a projection that renames, and CASTs
 * where the engine's type differs from the declared one, so that filters, aggregates and joins above it still
 * push down. A replicated table is read from the replica the statement's {@link ReplicaChoice} picks.
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

    LogicalTableDefinition definition() {
        return definition;
    }

    /**
     * Each declared column, with the physical column's length and nullability when the physical type is the
     * declared one (no CAST is needed then); otherwise the declared type. A replicated table's columns have the
     * declared types, nullable, whichever replica a statement reads.
     */
    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        if (definition.replicated()) {
            for (LogicalColumn column : definition.columns()) {
                builder.add(column.name(), typeFactory.createTypeWithNullability(declaredType(typeFactory, column), true));
            }
            return builder.build();
        }
        List<String> source = definition.sources().get(0);
        RelDataType physical = physicalTable(source).getRowType(typeFactory);
        for (LogicalColumn column : definition.columns()) {
            builder.add(column.name(), logicalType(typeFactory, column, physicalField(source, physical, column).getType()));
        }
        return builder.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        List<String> source = definition.sources().get(0);
        if (definition.replicated()) {
            String table = schemaName + "." + definition.name();
            source = context.getCluster().getPlanner().getContext().maybeUnwrap(ReplicaChoice.class)
                    .map(choice -> choice.choose(table, definition.sources()))
                    .orElse(source);
        }
        RelOptTable physicalTable = relOptTable.getRelOptSchema().getTableForMember(source);
        if (physicalTable == null) {
            throw missingSource(source);
        }
        RelNode scan = physicalTable.toRel(context);
        RexBuilder rexBuilder = context.getCluster().getRexBuilder();
        List<RelDataTypeField> logicalFields = relOptTable.getRowType().getFieldList();
        List<RexNode> projections = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < definition.columns().size(); i++) {
            LogicalColumn column = definition.columns().get(i);
            RelDataTypeField field = physicalField(source, scan.getRowType(), column);
            RexNode reference = rexBuilder.makeInputRef(scan, field.getIndex());
            RelDataType type = logicalFields.get(i).getType();
            // A replica whose column is NOT NULL gets a CAST too: every replica must give the same row type.
            projections.add(type.equals(field.getType()) ? reference : rexBuilder.makeAbstractCast(type, reference, false));
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
        return typeFactory.createTypeWithNullability(declaredType(typeFactory, column), physical.isNullable());
    }

    private static RelDataType declaredType(RelDataTypeFactory typeFactory, LogicalColumn column) {
        return column.scale() >= 0
                ? typeFactory.createSqlType(column.type(), column.precision(), column.scale())
                : column.precision() >= 0
                        ? typeFactory.createSqlType(column.type(), column.precision())
                        : typeFactory.createSqlType(column.type());
    }

    /**
     * The physical column a logical column reads: the one its mapping names, or, in a replica that has no such
     * column, the one with the logical column's own name (a rename such as {@code __time} is often one engine's).
     */
    private RelDataTypeField physicalField(List<String> source, RelDataType physical, LogicalColumn column) {
        RelDataTypeField field = physical.getField(column.physicalName(), false, false);
        if (field == null && definition.replicated()) {
            field = physical.getField(column.name(), false, false);
        }
        if (field == null) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "Logical table '" + schemaName + "."
                    + definition.name() + "' maps column '" + column.name() + "' to '" + column.physicalName()
                    + "', which table '" + String.join(".", source) + "' does not have");
        }
        return field;
    }

    private Table physicalTable(List<String> path) {
        Schema schema = root.get();
        for (String level : path.subList(0, path.size() - 1)) {
            schema = found(schema.subSchemas(), level);
            if (schema == null) {
                throw missingSource(path);
            }
        }
        Table table = found(schema.tables(), path.get(path.size() - 1));
        if (table == null) {
            throw missingSource(path);
        }
        return table;
    }

    /** The entity of this name, spelled exactly so or else in any case; null when there is none. */
    static <T> T found(Lookup<? extends T> lookup, String name) {
        T exact = lookup.get(name);
        if (exact != null) {
            return exact;
        }
        var named = lookup.getIgnoreCase(name);
        return named == null ? null : named.entity();
    }

    private JunctionException missingSource(List<String> source) {
        return new JunctionException(ErrorCode.TABLE_NOT_FOUND, "Logical table '" + schemaName + "." + definition.name()
                + "' reads table '" + String.join(".", source) + "', which does not exist (is its "
                + "engine's data loaded?)");
    }
}
