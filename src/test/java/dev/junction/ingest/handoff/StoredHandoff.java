package dev.junction.ingest.handoff;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One hybrid table's rows in the metadata store's PostgreSQL (junction_handoff and junction_handoff_lease), read and
 * removed by tests: over plain JDBC by those that run the gateway as a process of their own, over the test
 * application's data source by the others.
 */
final class StoredHandoff {
    /** Opens a connection to the metadata store. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final String table;

    StoredHandoff(Connections connections, String table) {
        this.connections = connections;
        this.table = table;
    }

    /** Over plain JDBC, as the stack's gateway user. */
    StoredHandoff(String url, String table) {
        this(() -> {
            Properties credentials = new Properties();
            credentials.setProperty("user", "junction");
            credentials.setProperty("password", "junction");
            return new Driver().connect(url, credentials);
        }, table);
    }

    /** The stored state, empty before a gateway created it. */
    Optional<HandoffState> read() throws SQLException {
        try (Connection connection = connections.open(); PreparedStatement query = connection.prepareStatement(
                "select watermark, seq, updated_at from junction_handoff where table_name = ?")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HandoffState(table, row.getObject(1, OffsetDateTime.class).toInstant(),
                        row.getLong(2), row.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
    }

    /** Removes the state and the lease: the next gateway starts the table at the chunk of its start, sequence 0. */
    void forget() throws SQLException {
        try (Connection connection = connections.open()) {
            for (String stored : List.of("junction_handoff", "junction_handoff_lease")) {
                try (PreparedStatement delete = connection.prepareStatement("delete from " + stored
                        + " where table_name = ?")) {
                    delete.setString(1, table);
                    delete.executeUpdate();
                }
            }
        }
    }
}
