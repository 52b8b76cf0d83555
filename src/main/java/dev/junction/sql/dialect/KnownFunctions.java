package dev.junction.sql.dialect;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlOperator;

import java.util.List;

/**
 * A dialect that knows which of Calcite's functions its engine lacks: its {@link SqlDialect#supportsFunction} is
 * false exactly for those, where Calcite's own dialects say true only for a short list that every database has
 * (and Calcite's JDBC rules never ask). A call to a function the engine lacks stays out of its fragments.
 */
public interface KnownFunctions {
    /**
     * Whether the engine has the function, as {@link SqlDialect#supportsFunction}.
     *
     * @param type the call's type
     * @param paramTypes the types of its operands
     */
    boolean supportsFunction(SqlOperator operator, RelDataType type, List<RelDataType> paramTypes);

    /**
     * Whether an engine written for in {@code dialect} has the function {@code call} calls (its operands aside).
     * A dialect that is not a {@code KnownFunctions} is taken to have every function, as Calcite's JDBC rules do.
     */
    static boolean supports(SqlDialect dialect, RexCall call) {
        return !(dialect instanceof KnownFunctions known) || known.supportsFunction(call.getOperator(), call.getType(),
                call.getOperands().stream().map(RexNode::getType).toList());
    }
}
