package dev.junction.sql;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.ignite.IgniteConnector;
import dev.junction.connector.trino.TrinoConnector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What the engines themselves report about the statements Junction sent them, for cancellation tests. */
public final class EngineActivity {
    private EngineActivity() {
    }

    /** How many statements Ignite is running now whose text matches the pattern. */
    public static long igniteRunning(ConnectorRegistry connectors, String pattern) throws SQLException {
        try (Connection connection = ((IgniteConnector) connectors.get("ignite")).endpoint().open();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM SYS.SQL_QUERIES WHERE SQL LIKE ? AND SQL NOT LIKE '%SQL_QUERIES%'")) {
            statement.setString(1, pattern);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** State and error code of the newest query Junction sent Trino whose text matches the pattern. */
    public static Optional<List<String>> trinoState(ConnectorRegistry connectors, String pattern) throws SQLException {
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
             PreparedStatement statement = connection.prepareStatement("SELECT state, coalesce(error_code, '')"
                     + " FROM system.runtime.queries WHERE source = 'junction' AND query LIKE ?"
                     + " AND query NOT LIKE '%system.runtime.queries%' ORDER BY created DESC"
                     + " LIMIT 1")) {
            statement.setString(1, pattern);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(List.of(rows.getString(1), rows.getString(2))) : Optional.empty();
            }
        }
    }
}
