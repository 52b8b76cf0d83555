package dev.junction.sql.dialect;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

import java.util.Locale;

/**
 * Chooses the SQL dialect fragments are written in from the product name an engine's JDBC driver reports,
 * as Calcite's own dialect factory does: the dialect is knowledge of a SQL language, not of a connector.
 */
public final class EngineDialects {
    private EngineDialects() {
    }

    public static SqlDialect forProduct(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("trino")) {
            return TrinoSqlDialect.DEFAULT;
        }
        if (product.contains("druid")) {
            return DruidSqlDialect.DEFAULT;
        }
        if (product.contains("ignite")) {
            return IgniteSqlDialect.DEFAULT;
        }
        if (product.contains("postgresql")) {
            return PostgresqlSqlDialect.DEFAULT;
        }
        return AnsiSqlDialect.DEFAULT;
    }
}
