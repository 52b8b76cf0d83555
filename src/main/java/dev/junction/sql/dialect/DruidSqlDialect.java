package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.List;
import java.util.Set;

/**
 * Druid SQL as fragments are written for it: double-quoted identifiers, LIMIT/OFFSET, aggregate FILTER
 * clauses, no joins (Druid runs them with restrictions that a general plan cannot respect), and none of the
 * functions Druid lacks, such as {@code RAND}.
 */
public final class DruidSqlDialect extends LimitOffsetSqlDialect implements KnownFunctions {
    public static final SqlDialect DEFAULT = new DruidSqlDialect(EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.UNKNOWN)
            .withDatabaseProductName("Druid")
            .withIdentifierQuoteString("\"")
            // Druid sorts nulls first in ascending order, like Calcite's default "low".
            .withNullCollation(NullCollation.LOW));

    /** Calcite's functions that Druid does not have: its planner answers "No match found for function signature". */
    private static final Set<SqlOperator> MISSING = Set.of(SqlStdOperatorTable.RAND, SqlStdOperatorTable.RAND_INTEGER,
            SqlStdOperatorTable.CBRT, SqlStdOperatorTable.INITCAP, SqlStdOperatorTable.OVERLAY,
            SqlStdOperatorTable.SIGN, SqlStdOperatorTable.SIMILAR_TO, SqlStdOperatorTable.NOT_SIMILAR_TO);

    private DruidSqlDialect(Context context) {
        super(context);
    }

    @Override
    public boolean supportsFunction(SqlOperator operator, RelDataType type, List<RelDataType> paramTypes) {
        return !MISSING.contains(operator);
    }

    @Override
    public boolean supportsAggregateFunctionFilter() {
        return true;
    }

    @Override
    public boolean supportsJoinType(JoinRelType joinType) {
        return false;
    }

    /**
     * Also the aggregate functions of kind OTHER_FUNCTION: the gateway's only ones are the sketches Druid has by
     * the same names ({@code DS_HLL}, {@code DS_QUANTILES_SKETCH}).
     */
    @Override
    public boolean supportsAggregateFunction(SqlKind kind) {
        return kind == SqlKind.OTHER_FUNCTION || super.supportsAggregateFunction(kind);
    }

    @Override
    public boolean supportsNestedAggregations() {
        return false;
    }
}
