package dev.junction.sql.rules;

import dev.junction.sql.dialect.KnownFunctions;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlDialect;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Matches what one of Calcite's JDBC rules matches, unless the node's expressions call a function that the
 * engine's dialect lacks ({@link KnownFunctions}), and produces what that rule produces: such a call stays in the
 * gateway, over the rows the engine returns.
 */
public final class KnownFunctionsRule extends ConverterRule {
    private final ConverterRule jdbcRule;

    private KnownFunctionsRule(ConverterRule jdbcRule) {
        // The JDBC rule's own operand, predicate and description.
        super(jdbcRule.config);
        this.jdbcRule = jdbcRule;
    }

    /** The rule that converts what {@code jdbcRule} converts, when the engine has the functions it calls. */
    public static KnownFunctionsRule of(ConverterRule jdbcRule) {
        return new KnownFunctionsRule(jdbcRule);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        return jdbcRule.matches(call) && callsOnlyKnownFunctions(call.rel(0));
    }

    @Override
    public @Nullable RelNode convert(RelNode rel) {
        return jdbcRule.convert(rel);
    }

    private boolean callsOnlyKnownFunctions(RelNode rel) {
        SqlDialect dialect = ((JdbcConvention) out).dialect;
        boolean[] known = {true};
        // Visits the node's own expressions (a projection's, a filter's condition), not its inputs'.
        rel.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                known[0] &= KnownFunctions.supports(dialect, call);
                return super.visitCall(call);
            }
        });
        return known[0];
    }
}
