package dev.junction.stack;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.postgresql.PostgresqlConnector;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes and reads back a row in the real PostgreSQL of the stack, through the configured connector. */
@QuarkusTest
class PostgresRoundTripIT {
    @Inject
    ConnectorRegistry connectors;

    @Test
    void writesAndReadsBack() throws Exception {
        var postgres = ((PostgresqlConnector) connectors.get("postgres")).endpoint();
        String token = UUID.randomUUID().toString();
        try (Connection connection = postgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE round_trip (id serial PRIMARY KEY, token text NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO round_trip (token) VALUES (?)")) {
                insert.setString(1, token);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rows = statement.executeQuery("SELECT id, token, current_user FROM round_trip")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getString(2)).isEqualTo(token);
                assertThat(rows.getString(3)).isEqualTo("junction");
                assertThat(rows.next()).isFalse();
            }
        }
    }
}
