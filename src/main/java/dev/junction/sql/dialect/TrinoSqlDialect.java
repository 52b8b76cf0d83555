package dev.junction.sql.dialect;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.List;
import java.util.Set;

/**
 * Trino's SQL as Calcite writes it, knowing the functions Trino lacks: {@code RAND()} runs in Trino, but
 * {@code RAND(seed)} does not (Trino's {@code rand(n)} is an integer below n, not a seeded double).
 */
public final class TrinoSqlDialect extends org.apache.calcite.sql.dialect.TrinoSqlDialect implements KnownFunctions {
    public static final SqlDialect DEFAULT = new TrinoSqlDialect(DEFAULT_CONTEXT);

    /** Calcite's functions that Trino does not have ("Function 'initcap' not registered", or a syntax error). */
    private static final Set<SqlOperator> MISSING = Set.of(SqlStdOperatorTable.RAND_INTEGER,
            SqlStdOperatorTable.INITCAP, SqlStdOperatorTable.OVERLAY, SqlStdOperatorTable.SIMILAR_TO,
            SqlStdOperatorTable.NOT_SIMILAR_TO);

    private TrinoSqlDialect(Context context) {
        super(context);
    }

    @Override
    public boolean supportsFunction(SqlOperator operator, RelDataType type, List<RelDataType> paramTypes) {
        if (operator == SqlStdOperatorTable.RAND) {
            return paramTypes.isEmpty();
        }
        return !MISSING.contains(operator);
    }
}
