package dev.junction.sql.rules;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilderFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Matches a filter whose condition is an OR with terms common to every branch, and produces the filter with
 * those terms pulled out as conjuncts: {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}, so that
 * a join key or a single table's predicate inside the OR (TPC-H Q19) becomes a join condition or an engine's
 * filter instead of a nested loop over both tables.
 */
public final class OrFactorRule extends RelRule<OrFactorRule.Config> {
    public static final OrFactorRule INSTANCE = new OrFactorRule(Config.DEFAULT);

    private OrFactorRule(Config config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        RexNode factored = RexUtil.pullFactors(filter.getCluster().getRexBuilder(), filter.getCondition());
        if (factored.equals(filter.getCondition())) {
            return;
        }
        call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), factored));
    }

    /** The rule's configuration: a logical filter over anything. */
    public record Config(RelBuilderFactory relBuilderFactory, @Nullable String description,
            OperandTransform operandSupplier) implements RelRule.Config {
        static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER,
                "OrFactorRule", operands -> operands.operand(LogicalFilter.class)
                        .predicate(filter -> filter.getCondition().isA(SqlKind.OR))
                        .anyInputs());

        @Override
        public OrFactorRule toRule() {
            return new OrFactorRule(this);
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
