package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.sql.SqlDialect;

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

    @Override
    public boolean supportsNestedAggregations() {
        return false;
    }
}
