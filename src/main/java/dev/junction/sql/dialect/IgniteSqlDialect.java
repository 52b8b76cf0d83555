package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.sql.SqlDialect;

/**
 * Ignite 2's SQL (its H2-based engine) as fragments are written for it: double-quoted identifiers,
 * LIMIT/OFFSET, no FULL joins, no FILTER clause on aggregates.
 */
public final class IgniteSqlDialect extends LimitOffsetSqlDialect {
    public static final SqlDialect DEFAULT = new IgniteSqlDialect(EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.H2)
            .withDatabaseProductName("Apache Ignite")
            .withIdentifierQuoteString("\"")
            .withNullCollation(NullCollation.LOW));

    private IgniteSqlDialect(Context context) {
        super(context);
    }

    @Override
    public boolean supportsAggregateFunctionFilter() {
        return false;
    }

    @Override
    public boolean supportsJoinType(JoinRelType joinType) {
        return joinType != JoinRelType.FULL;
    }
}
