package dev.junction.sql.rules;

import dev.junction.sql.sketch.SketchFunctions;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilderFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches an aggregate over a {@code UNION ALL} whose calls all merge from partial results (COUNT, SUM, MIN, MAX
 * and the sketches), and produces the same aggregate over each input (run by that input's engine) under an
 * aggregate that merges them: COUNT by SUM0, SUM/MIN/MAX by themselves, sketches by their union.
 */
public final class AggregateUnionSplitRule extends RelRule<AggregateUnionSplitRule.Config> {
    public static final AggregateUnionSplitRule INSTANCE = new AggregateUnionSplitRule(Config.DEFAULT);

    private AggregateUnionSplitRule(Config config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        Union union = call.rel(1);
        List<RelNode> partials = new ArrayList<>();
        for (RelNode input : union.getInputs()) {
            partials.add(aggregate.copy(aggregate.getTraitSet(), input, aggregate.getGroupSet(), null,
                    aggregate.getAggCallList()));
        }
        RelNode partialUnion = union.copy(union.getTraitSet(), partials, true);
        int groupCount = aggregate.getGroupCount();
        List<AggregateCall> merges = new ArrayList<>();
        for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
            AggregateCall partial = aggregate.getAggCallList().get(i);
            merges.add(AggregateCall.create(merge(partial.getAggregation()).orElseThrow(), false, false,
                    List.of(groupCount + i), -1, RelCollations.EMPTY, partial.getType(), partial.getName()));
        }
        call.transformTo(aggregate.copy(aggregate.getTraitSet(), partialUnion,
                org.apache.calcite.util.ImmutableBitSet.range(groupCount), null, merges));
    }

    /** How partial results of a function merge; empty when they do not. */
    static Optional<SqlAggFunction> merge(SqlAggFunction function) {
        if (function == SketchFunctions.DS_HLL) {
            return Optional.of(SketchFunctions.HLL_SKETCH_MERGE);
        }
        if (function == SketchFunctions.DS_QUANTILES_SKETCH) {
            return Optional.of(SketchFunctions.QUANTILES_SKETCH_MERGE);
        }
        return switch (function.getKind()) {
            case COUNT, SUM0 -> Optional.of(SqlStdOperatorTable.SUM0);
            case SUM -> Optional.of(SqlStdOperatorTable.SUM);
            case MIN -> Optional.of(SqlStdOperatorTable.MIN);
            case MAX -> Optional.of(SqlStdOperatorTable.MAX);
            default -> Optional.empty();
        };
    }

    private static boolean splits(Aggregate aggregate) {
        return aggregate.getGroupType() == Aggregate.Group.SIMPLE
                && aggregate.getAggCallList().stream().allMatch(call -> !call.isDistinct()
                        && merge(call.getAggregation()).isPresent())
                // The group keys come first for the merging aggregate to group by them in place.
                && aggregate.getGroupSet().equals(org.apache.calcite.util.ImmutableBitSet.range(
                        aggregate.getGroupCount()));
    }

    /** Already split: every input of the union is an aggregate. */
    private static boolean split(Union union) {
        return union.getInputs().stream().allMatch(input -> input.stripped() instanceof Aggregate);
    }

    /** The rule's configuration: a logical aggregate of mergeable calls over a logical UNION ALL not yet split. */
    public record Config(RelBuilderFactory relBuilderFactory, @Nullable String description,
            OperandTransform operandSupplier) implements RelRule.Config {
        static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER,
                "AggregateUnionSplitRule", operands -> operands.operand(LogicalAggregate.class)
                        .predicate(AggregateUnionSplitRule::splits)
                        .oneInput(union -> union.operand(LogicalUnion.class)
                                .predicate(u -> u.all && !split(u)).anyInputs()));

        @Override
        public AggregateUnionSplitRule toRule() {
            return new AggregateUnionSplitRule(this);
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
