package dev.junction.sql.hybrid;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.HotTable;
import dev.junction.ingest.handoff.HandoffState;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.TimestampString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hybrid table {@code metrics.points} (docs/metrics.md, "Hybrid queries"): one logical table over the cold
 * tier (Druid) and the hot tier (Ignite), expanded to {@code cold UNION ALL hot}, each branch filtered by the
 * handoff state {@code (W, S)} the statement was planned with, so that every row is read from exactly one tier:
 * cold {@code __time < W AND handoff_seq <= S}; hot {@code TS >= W AND NOT LATE OR LATE AND (LATE_SEQ IS NULL OR
 * LATE_SEQ > S)}. A tier whose table does not exist yet (no handoff so far) reads as empty.
 */
public final class HybridTable extends AbstractTable implements TranslatableTable {
    /** The tag columns sit between {@code value} and {@code tags}. */
    private static final List<String> LEADING = List.of("ts", "tenant", "name", "type", "value");
    private static final List<String> TRAILING = List.of("tags", "window_ms", "event_id");

    private final HybridDefinition definition;
    private final HybridTables tables;
    private final Runnable coldAppeared;

    /**
     * @param coldAppeared what to do when the cold datasource, missing from the catalog, exists in Druid now (a
     *     catalog refresh, so that the next plan reads it)
     */
    public HybridTable(HybridDefinition definition, HybridTables tables, Runnable coldAppeared) {
        this.definition = definition;
        this.tables = tables;
        this.coldAppeared = coldAppeared;
    }

    private List<String> columns() {
        List<String> columns = new ArrayList<>(LEADING);
        columns.addAll(definition.tagColumns());
        columns.addAll(TRAILING);
        return columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (String column : columns()) {
            SqlTypeName type = switch (column) {
                case "ts" -> SqlTypeName.TIMESTAMP;
                case "value" -> SqlTypeName.DOUBLE;
                case "window_ms" -> SqlTypeName.BIGINT;
                default -> SqlTypeName.VARCHAR;
            };
            RelDataType declared = type == SqlTypeName.TIMESTAMP ? typeFactory.createSqlType(type, 3)
                    : typeFactory.createSqlType(type);
            builder.add(column, typeFactory.createTypeWithNullability(declared, true));
        }
        return builder.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        HybridPlanning planning = context.getCluster().getPlanner().getContext().maybeUnwrap(HybridPlanning.class)
                .orElseThrow(() -> new JunctionException(ErrorCode.INTERNAL_ERROR,
                        "The hybrid table was planned without a handoff state"));
        HandoffState state = planning.state();
        RelOptSchema schema = relOptTable.getRelOptSchema();
        RelBuilder builder = RelBuilder.proto(context.getCluster().getPlanner().getContext())
                .create(context.getCluster(), schema);
        RelDataType rowType = relOptTable.getRowType();
        String coldName = definition.cold().definition().name();
        String hotName = definition.hot().definition().name();

        boolean coldIncluded = planning.include(coldName, coldName);
        RelOptTable cold = coldIncluded ? schema.getTableForMember(definition.coldPath()) : null;
        if (coldIncluded && cold == null && state.seq() > 0) {
            // Handoffs have written rows there: reading the datasource as empty would leave them out.
            coldAppeared.run();
            throw new ColdTierNotInCatalogException("Druid datasource '" + String.join(".", definition.coldPath())
                    + "' holds handoff " + state.seq() + " but was not in the catalog");
        }
        if (coldIncluded && cold == null && tables.coldAppeared()) {
            // Before any handoff the datasource is empty: this plan reads it so; the next one reads it from Druid.
            coldAppeared.run();
        }
        branch(builder, context, cold, rowType, cold == null ? List.of() : coldColumns(), (b, rex) -> rex.makeCall(
                SqlStdOperatorTable.AND,
                rex.makeCall(SqlStdOperatorTable.LESS_THAN, b.field("__time"),
                        timestamp(rex, state)),
                rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, b.field("handoff_seq"),
                        b.literal(state.seq()))));

        RelOptTable hot = null;
        if (planning.include(hotName, hotName)) {
            hot = schema.getTableForMember(definition.hotPath());
            if (hot == null && tables.createHotTable()) {
                // Created just now: empty, and in the catalog after its refresh.
                coldAppeared.run();
            }
        }
        branch(builder, context, hot, rowType, hot == null ? List.of() : hotColumns(), (b, rex) -> b.or(
                b.and(b.call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, b.field(HotTable.TS),
                                timestamp(rex, state)),
                        b.not(b.field(HotTable.LATE))),
                b.and(b.field(HotTable.LATE), b.or(b.isNull(b.field(HotTable.LATE_SEQ)),
                        b.greaterThan(b.field(HotTable.LATE_SEQ), b.literal(state.seq()))))));
        return builder.union(true, 2).build();
    }

    private List<String> coldColumns() {
        return columns().stream().map(column -> switch (column) {
            case "ts" -> "__time";
            default -> column;
        }).toList();
    }

    private List<String> hotColumns() {
        return columns().stream().map(column -> switch (column) {
            case "value" -> HotTable.VAL;
            default -> column.toUpperCase(Locale.ROOT);
        }).toList();
    }

    private static RexNode timestamp(RexBuilder rex, HandoffState state) {
        return rex.makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(state.watermark().toEpochMilli()), 3);
    }

    private interface BranchFilter {
        RexNode condition(RelBuilder builder, RexBuilder rex);
    }

    /** One tier: its table filtered by the state and renamed to the hybrid columns, or no rows when it is absent. */
    private static void branch(RelBuilder builder, RelOptTable.ToRelContext context, RelOptTable table,
            RelDataType rowType, List<String> physical, BranchFilter filter) {
        if (table == null) {
            builder.values(rowType);
            return;
        }
        RexBuilder rex = context.getCluster().getRexBuilder();
        builder.push(table.toRel(context));
        builder.filter(filter.condition(builder, rex));
        List<RexNode> projections = new ArrayList<>();
        List<RelDataTypeField> fields = rowType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            RexNode reference = builder.field(physical.get(i));
            RelDataType declared = fields.get(i).getType();
            projections.add(SqlTypeUtil.equalSansNullability(context.getCluster().getTypeFactory(),
                    reference.getType(), declared) && reference.getType().isNullable()
                    ? reference : rex.makeAbstractCast(declared, reference, false));
        }
        builder.project(projections, rowType.getFieldNames(), true);
    }
}
