package dev.junction.stack;

import dev.junction.connector.JdbcEndpoint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one scalar query through a connector's own JDBC endpoint, for tests against the real engines. */
final class EngineSql {
    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private EngineSql() {
    }

    static long scalarLong(JdbcEndpoint endpoint, String sql) throws SQLException {
        return scalar(endpoint, sql, rows -> rows.getLong(1));
    }

    static double scalarDouble(JdbcEndpoint endpoint, String sql) throws SQLException {
        return scalar(endpoint, sql, rows -> rows.getDouble(1));
    }

    static String scalarString(JdbcEndpoint endpoint, String sql) throws SQLException {
        return scalar(endpoint, sql, rows -> rows.getString(1));
    }

    private static <T> T scalar(JdbcEndpoint endpoint, String sql, Column<T> column) throws SQLException {
        try (Connection connection = endpoint.open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return column.read(rows);
        }
    }
}
