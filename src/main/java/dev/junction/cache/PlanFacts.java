package dev.junction.cache;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlOperator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the cache needs to know of an optimized plan.
 *
 * @param digest the plan as text with every attribute, the SQL sent to each engine included
 * @param tables the physical tables the plan reads, as {@code connector.path.table} (logical tables appear as
 *     the physical tables they expand to)
 * @param deterministic false when an expression calls a non-deterministic or dynamic function (NOW,
 *     CURRENT_TIMESTAMP, CURRENT_DATE, RAND, …): such a plan's answer is never cached (a request with a time
 *     bucket has its time functions planned as literals, see {@code dev.junction.sql.NowBucket})
 */
public record PlanFacts(String digest, Set<String> tables, boolean deterministic) {
    public PlanFacts {
        Objects.requireNonNull(digest, "digest");
        tables = Set.copyOf(tables);
    }

    /** Reads the facts from a plan, engine fragments' subtrees included. */
    public static PlanFacts of(RelNode plan) {
        Set<String> tables = new TreeSet<>();
        DynamicCallFinder finder = new DynamicCallFinder();
        Deque<RelNode> pending = new ArrayDeque<>();
        pending.push(plan);
        while (!pending.isEmpty()) {
            RelNode node = pending.pop();
            if (node instanceof TableScan scan) {
                tables.add(String.join(".", scan.getTable().getQualifiedName()));
            }
            node.accept(finder);
            node.getInputs().forEach(pending::push);
        }
        return new PlanFacts(RelOptUtil.toString(plan, SqlExplainLevel.DIGEST_ATTRIBUTES), tables,
                !finder.found);
    }

    /** Visits every expression of a node and notes a call whose value may differ between two runs. */
    private static final class DynamicCallFinder extends RexShuttle {
        private boolean found;

        @Override
        public RexNode visitCall(RexCall call) {
            SqlOperator operator = call.getOperator();
            if (operator.isDynamicFunction() || !operator.isDeterministic()) {
                found = true;
            }
            return super.visitCall(call);
        }
    }
}
