package dev.junction.sql.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlKind;

import java.util.EnumSet;
import java.util.List;

/**
 * The rules that compute aggregates of a {@code UNION ALL} (the hybrid table's {@code cold UNION ALL hot}) per
 * input, inside each engine, and merge the partial results in the gateway, in the order they apply.
 */
public final class HybridRules {
    /** AVG over a union becomes SUM / COUNT, which split into partial aggregates. */
    public static final RelOptRule AVERAGE_OVER_UNION = AggregateReduceFunctionsRule.Config.DEFAULT
            .withOperandSupplier(operands -> operands.operand(LogicalAggregate.class)
                    .predicate(aggregate -> readsUnion(aggregate.getInput())).anyInputs())
            .as(AggregateReduceFunctionsRule.Config.class)
            .withFunctionsToReduce(EnumSet.of(SqlKind.AVG))
            .toRule();

    /** Filters and projections move into each input of the union, so that aggregates sit right above it. */
    public static final List<RelOptRule> INTO_UNION = List.of(CoreRules.FILTER_SET_OP_TRANSPOSE,
            CoreRules.PROJECT_SET_OP_TRANSPOSE);

    private HybridRules() {
    }

    /** Whether the rows come from a {@code UNION ALL} through projections and filters only. */
    static boolean readsUnion(RelNode input) {
        RelNode node = input.stripped();
        while (node instanceof Project || node instanceof Filter) {
            node = node.getInput(0).stripped();
        }
        return node instanceof Union union && union.all;
    }
}
