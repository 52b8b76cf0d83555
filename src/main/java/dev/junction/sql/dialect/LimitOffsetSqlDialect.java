package dev.junction.sql.dialect;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What Druid's and Ignite's SQL share as fragments are written for them: LIMIT/OFFSET instead of FETCH, no
 * character set names, no window functions pushed.
 */
abstract class LimitOffsetSqlDialect extends SqlDialect {
    LimitOffsetSqlDialect(Context context) {
        super(context);
    }

    @Override
    public void unparseOffsetFetch(SqlWriter writer, @Nullable SqlNode offset, @Nullable SqlNode fetch) {
        unparseFetchUsingLimit(writer, offset, fetch);
    }

    @Override
    public boolean supportsCharSet() {
        return false;
    }

    @Override
    public boolean supportsWindowFunctions() {
        return false;
    }
}
