package dev.junction.stack;

import dev.junction.connector.JdbcEndpoint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one scalar query through a connector's own JDBC endpoint, for tests against the real engines. */
final class EngineSql {
    private EngineSql() {
    }

    static long scalarLong(JdbcEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = endpoint.open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return rows.getLong(1);
        }
    }

    static double scalarDouble(JdbcEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = endpoint.open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return rows.getDouble(1);
        }
    }
}
