package dev.junction.sql.rules;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Sort;

/**
 * Matches a LIMIT alone, or an ORDER BY with a LIMIT over grouped rows, and produces the engine's sort: for
 * engines (Druid) that sort aggregated results and cut any result, but cannot sort plain rows by any column.
 */
public final class TopNPushdownRule extends JdbcRules.JdbcSortRule {
    public static TopNPushdownRule create(JdbcConvention out) {
        return Config.INSTANCE
                .withConversion(Sort.class, TopNPushdownRule::isTopN, Convention.NONE, out, "TopNPushdownRule")
                .withRuleFactory(TopNPushdownRule::new)
                .toRule(TopNPushdownRule.class);
    }

    private TopNPushdownRule(Config config) {
        super(config);
    }

    private static boolean isTopN(Sort sort) {
        if (sort.fetch == null) {
            return false;
        }
        return sort.getCollation().getFieldCollations().isEmpty() || isGrouped(sort.getInput());
    }

    private static boolean isGrouped(RelNode input) {
        if (input instanceof RelSubset subset) {
            return subset.getRelList().stream().anyMatch(Aggregate.class::isInstance);
        }
        return input instanceof Aggregate;
    }
}
