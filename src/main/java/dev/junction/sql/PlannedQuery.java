package dev.junction.sql;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import dev.junction.sql.catalog.ReplicaChoice;
import dev.junction.sql.hybrid.HybridRead;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement planned against the catalog and ready to run.
 *
 * @param sql the statement as the client sent it
 * @param columns the result's columns
 * @param rowType the result's row type
 * @param plan the optimized plan, whose {@code EngineFragment} leaves run in the engines
 * @param fragments every fragment of the plan, in plan order
 * @param shape route, split, …
 * @param explain true when the client asked for the plan rather than the rows (EXPLAIN PLAN FOR …)
 * @param parameterTypes the type inferred for each {@code ?} parameter, in order
 * @param replicas the engine each replicated logical table is read from, and why
 * @param hybrid how the statement reads the hybrid table (the handoff state it splits at), if it does
 * @param planningNanos the time parse, validation and optimization took, or finding the plan in the plan cache
 * @param cached whether the plan came from the plan cache
 */
public record PlannedQuery(String sql, List<Column> columns, RelDataType rowType, EnumerableRel plan,
        List<PlannedFragment> fragments, PlanShape shape, boolean explain, List<SqlTypeName> parameterTypes,
        List<ReplicaChoice.Decision> replicas, Optional<HybridRead> hybrid, long planningNanos, boolean cached) {
    public PlannedQuery {
        Objects.requireNonNull(sql, "sql");
        columns = List.copyOf(columns);
        Objects.requireNonNull(rowType, "rowType");
        Objects.requireNonNull(plan, "plan");
        fragments = List.copyOf(fragments);
        parameterTypes = List.copyOf(parameterTypes);
        replicas = List.copyOf(replicas);
        Objects.requireNonNull(hybrid, "hybrid");
        Objects.requireNonNull(shape, "shape");
    }

    /** The same plan, used again: its planning time is what finding it took. */
    public PlannedQuery reused(long lookupNanos) {
        return new PlannedQuery(sql, columns, rowType, plan, fragments, shape, explain, parameterTypes, replicas,
                hybrid, lookupNanos, true);
    }

    public long planningMillis() {
        return planningNanos / 1_000_000;
    }
}
