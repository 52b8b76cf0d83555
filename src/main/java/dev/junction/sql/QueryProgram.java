package dev.junction.sql;

import dev.junction.sql.rules.AggregateUnionSplitRule;
import dev.junction.sql.rules.ApproximateAggregateSketchRule;
import dev.junction.sql.rules.HybridRules;
import dev.junction.sql.rules.LiteralAggregateRule;
import dev.junction.sql.rules.OrFactorRule;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.util.List;

/**
 * The optimization program of every query: Calcite's standard sequence (sub-queries, decorrelation, field
 * trimming, cost-based planning, calc) with constant expressions reduced before cost-based planning, and with
 * the join order of queries with several joins chosen heuristically instead of by exhaustive search.
 *
 * <p>The cost-based planner's join commute and push-through rules explore every join order: planning a 6-table
 * TPC-H query took 84 s. From {@link #MIN_JOINS_FOR_HEURISTIC} joins on, the joins are gathered into one
 * multi-join and ordered greedily (bushy where possible), so that tables of one engine can still be joined inside that engine.
 */
final class QueryProgram {
    /** From this many joins on, the join order is chosen heuristically. */
    static final int MIN_JOINS_FOR_HEURISTIC = 3;

    private static final List<RelOptRule> EXHAUSTIVE_JOIN_RULES = List.of(CoreRules.JOIN_COMMUTE,
            CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

    private static final HepProgram TO_MULTI_JOIN = new HepProgramBuilder()
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .build();

    /**
     * Constant expressions evaluated once, exactly, in the gateway: engines differ in literal arithmetic (Druid
     * computes {@code 0.06 + 0.01} in doubles, 0.06999999999999999, where SQL's decimals give 0.07); and terms
     * common to every branch of an OR pulled out of it, where joins and engines can use them; and sub-queries'
     * LITERAL_AGG calls, which no engine speaks, turned into projected literals.
     */
    private static final HepProgram SIMPLIFY = new HepProgramBuilder()
            .addRuleCollection(List.of(CoreRules.FILTER_REDUCE_EXPRESSIONS, CoreRules.PROJECT_REDUCE_EXPRESSIONS,
                    CoreRules.JOIN_REDUCE_EXPRESSIONS, OrFactorRule.INSTANCE, LiteralAggregateRule.INSTANCE))
            .build();

    /**
     * Aggregates of a {@code UNION ALL} (the hybrid table) computed per input and merged: approximate ones
     * through sketches, AVG as SUM / COUNT, then filters and projections moved into the inputs so that the
     * split aggregate sits right above each engine's rows.
     */
    private static final HepProgram HYBRID = new HepProgramBuilder()
            .addRuleInstance(ApproximateAggregateSketchRule.INSTANCE)
            .addRuleInstance(HybridRules.AVERAGE_OVER_UNION)
            .addRuleCollection(HybridRules.INTO_UNION)
            .addRuleInstance(AggregateUnionSplitRule.INSTANCE)
            .build();

    private QueryProgram() {
    }

    static Program create() {
        RelMetadataProvider metadata = DefaultRelMetadataProvider.INSTANCE;
        return Programs.sequence(
                Programs.subQuery(metadata),
                Programs.decorrelate(),
                Programs.measure(metadata),
                Programs.trim(),
                Programs.of(SIMPLIFY, true, metadata),
                Programs.of(HYBRID, true, metadata),
                QueryProgram::costBased,
                Programs.calc(metadata));
    }

    private static RelNode costBased(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
            List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        RelNode input = rel;
        if (RelOptUtil.countJoins(rel) >= MIN_JOINS_FOR_HEURISTIC) {
            input = Programs.of(TO_MULTI_JOIN, false, DefaultRelMetadataProvider.INSTANCE)
                    .run(planner, rel, traits, materializations, lattices);
            EXHAUSTIVE_JOIN_RULES.forEach(planner::removeRule);
            // The bushy order lets tables of one engine join inside it, but orders inner joins only; the
            // left-deep rule also orders multi-joins with outer joins (NOT EXISTS becomes one).
            planner.addRule(CoreRules.MULTI_JOIN_OPTIMIZE_BUSHY);
            planner.addRule(CoreRules.MULTI_JOIN_OPTIMIZE);
        }
        planner.setRoot(input);
        RelNode root = input.getTraitSet().equals(traits) ? input : planner.changeTraits(input, traits);
        planner.setRoot(root);
        return planner.chooseDelegate().findBestExp();
    }
}
