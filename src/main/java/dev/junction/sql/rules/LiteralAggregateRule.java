package dev.junction.sql.rules;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches an aggregate with {@code LITERAL_AGG} calls (Calcite writes them for {@code NOT IN} and
 * {@code EXISTS} sub-queries), and produces the aggregate without them and a projection adding each literal:
 * no engine's SQL has {@code LITERAL_AGG}, and without this rewrite the whole sub-query and everything joined
 * with it stayed in the gateway (TPC-H Q16's tables are all in Trino, yet it ran as two Trino fragments).
 */
public final class LiteralAggregateRule extends RelRule<LiteralAggregateRule.Config> {
    public static final LiteralAggregateRule INSTANCE = new LiteralAggregateRule(Config.DEFAULT);

    private LiteralAggregateRule(Config config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        List<AggregateCall> kept = new ArrayList<>();
        for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
            if (aggregateCall.getAggregation().getKind() != SqlKind.LITERAL_AGG) {
                kept.add(aggregateCall);
            }
        }
        RelBuilder builder = call.builder().push(aggregate.getInput());
        builder.aggregate(builder.groupKey(aggregate.getGroupSet(), aggregate.getGroupSets()), kept);
        List<RexNode> fields = new ArrayList<>();
        int groupCount = aggregate.getGroupCount();
        for (int i = 0; i < groupCount; i++) {
            fields.add(builder.field(i));
        }
        int next = groupCount;
        for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
            fields.add(aggregateCall.getAggregation().getKind() == SqlKind.LITERAL_AGG
                    ? aggregateCall.rexList.get(0)
                    : builder.field(next++));
        }
        builder.project(fields, aggregate.getRowType().getFieldNames(), true);
        call.transformTo(builder.convert(aggregate.getRowType(), false).build());
    }

    /** The rule's configuration: a logical aggregate with at least one LITERAL_AGG call. */
    public record Config(RelBuilderFactory relBuilderFactory, @Nullable String description,
            OperandTransform operandSupplier) implements RelRule.Config {
        static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER,
                "LiteralAggregateRule", operands -> operands.operand(LogicalAggregate.class)
                        .predicate(aggregate -> aggregate.getAggCallList().stream()
                                .anyMatch(call -> call.getAggregation().getKind() == SqlKind.LITERAL_AGG))
                        .anyInputs());

        @Override
        public LiteralAggregateRule toRule() {
            return new LiteralAggregateRule(this);
        }

        @Override
        public Config withRelBuilderFactory(RelBuilderFactory factory) {
            return new Config(factory, description, operandSupplier);
        }

        @Override
        public Config withDescription(@Nullable String text) {
            return new Config(relBuilderFactory, text, operandSupplier);
        }

        @Override
        public Config withOperandSupplier(OperandTransform transform) {
            return new Config(relBuilderFactory, description, transform);
        }
    }
}
