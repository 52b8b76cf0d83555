package dev.junction.sql.rules;

import dev.junction.sql.sketch.SketchFunctions;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches an aggregate with {@code APPROX_COUNT_DISTINCT(x)} over a {@code UNION ALL} or
 * {@code APPROX_QUANTILE(x, p)} with a constant {@code p}, and produces an aggregate building sketches
 * ({@code DS_HLL(x)}, {@code DS_QUANTILES_SKETCH(x)}) under a projection that estimates from them: sketches
 * merge across the union's inputs and Druid builds them itself, where the exact forms would not split.
 */
public final class ApproximateAggregateSketchRule extends RelRule<ApproximateAggregateSketchRule.Config> {
    public static final ApproximateAggregateSketchRule INSTANCE = new ApproximateAggregateSketchRule(Config.DEFAULT);

    private ApproximateAggregateSketchRule(Config config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        Project input = call.rel(1);
        boolean overUnion = HybridRules.readsUnion(input);
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        List<AggregateCall> calls = new ArrayList<>();
        List<RexNode> fractions = new ArrayList<>();
        for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
            if (overUnion && countsDistinctApproximately(aggregateCall)) {
                calls.add(sketch(aggregateCall, SketchFunctions.DS_HLL, input));
                fractions.add(null);
            } else if (isApproxQuantile(aggregateCall) && fraction(aggregateCall, input) != null) {
                calls.add(sketch(aggregateCall, SketchFunctions.DS_QUANTILES_SKETCH, input));
                fractions.add(fraction(aggregateCall, input));
            } else {
                calls.add(aggregateCall);
                fractions.add(null);
            }
        }
        if (calls.equals(aggregate.getAggCallList())) {
            return;
        }
        RelBuilder builder = call.builder().push(aggregate.copy(aggregate.getTraitSet(), input,
                aggregate.getGroupSet(), aggregate.getGroupSets(), calls));
        List<RexNode> fields = new ArrayList<>();
        int groupCount = aggregate.getGroupCount();
        for (int i = 0; i < groupCount; i++) {
            fields.add(builder.field(i));
        }
        for (int i = 0; i < calls.size(); i++) {
            RexNode field = builder.field(groupCount + i);
            AggregateCall original = aggregate.getAggCallList().get(i);
            if (calls.get(i).getAggregation() == SketchFunctions.DS_HLL) {
                field = rex.makeCast(original.getType(), rex.makeCall(SketchFunctions.HLL_SKETCH_ESTIMATE, field));
            } else if (calls.get(i).getAggregation() == SketchFunctions.DS_QUANTILES_SKETCH) {
                field = rex.makeCast(original.getType(),
                        rex.makeCall(SketchFunctions.QUANTILES_SKETCH_QUANTILE, field, fractions.get(i)));
            }
            fields.add(field);
        }
        builder.project(fields, aggregate.getRowType().getFieldNames(), true);
        call.transformTo(builder.convert(aggregate.getRowType(), false).build());
    }

    private static AggregateCall sketch(AggregateCall call, org.apache.calcite.sql.SqlAggFunction function,
            Project input) {
        return AggregateCall.create(function, false, false, List.of(call.getArgList().get(0)), call.filterArg,
                RelCollations.EMPTY, input.getCluster().getTypeFactory().createTypeWithNullability(
                        input.getCluster().getTypeFactory().createSqlType(
                                org.apache.calcite.sql.type.SqlTypeName.VARCHAR), true),
                call.getName());
    }

    static boolean countsDistinctApproximately(AggregateCall call) {
        return call.getAggregation().getKind() == SqlKind.COUNT && call.isDistinct() && call.isApproximate()
                && call.getArgList().size() == 1;
    }

    static boolean isApproxQuantile(AggregateCall call) {
        return call.getAggregation() == SketchFunctions.APPROX_QUANTILE
                || call.getAggregation().getName().equalsIgnoreCase("APPROX_QUANTILE");
    }

    /** The constant fraction p of APPROX_QUANTILE(x, p), or null when it is not a constant. */
    private static @Nullable RexLiteral fraction(AggregateCall call, Project input) {
        RexNode p = input.getProjects().get(call.getArgList().get(1));
        return p instanceof RexLiteral literal ? literal : null;
    }

    /** The rule's configuration: a logical aggregate with an approximate call, over a projection. */
    public record Config(RelBuilderFactory relBuilderFactory, @Nullable String description,
            OperandTransform operandSupplier) implements RelRule.Config {
        static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER,
                "ApproximateAggregateSketchRule", operands -> operands.operand(LogicalAggregate.class)
                        .predicate(aggregate -> aggregate.getAggCallList().stream().anyMatch(call ->
                                countsDistinctApproximately(call) || isApproxQuantile(call)))
                        .oneInput(project -> project.operand(LogicalProject.class).anyInputs()));

        @Override
        public ApproximateAggregateSketchRule toRule() {
            return new ApproximateAggregateSketchRule(this);
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
