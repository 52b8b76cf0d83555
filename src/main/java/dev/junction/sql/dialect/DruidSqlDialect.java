package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;

/**
 * Druid SQL as fragments are written for it: double-quoted identifiers, LIMIT/OFFSET, aggregate FILTER
 * clauses, and no joins (Druid runs them with restrictions that a general plan cannot respect).
 */
public final class DruidSqlDialect extends LimitOffsetSqlDialect {
    public static final SqlDialect DEFAULT = new DruidSqlDialect(EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.UNKNOWN)
            .withDatabaseProductName("Druid")
            .withIdentifierQuoteString("\"")
            // Druid sorts nulls first in ascending order, like Calcite's default "low".
            .withNullCollation(NullCollation.LOW));

    private DruidSqlDialect(Context context) {
        super(context);
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
