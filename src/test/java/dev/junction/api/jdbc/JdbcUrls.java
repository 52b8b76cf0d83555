package dev.junction.api.jdbc;

import dev.junction.jdbc.JunctionDriver;
import org.apache.calcite.avatica.remote.Driver;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections through the stock Avatica remote driver (or Junction's, for its URLs) to the gateway under test. */
final class JdbcUrls {
    private JdbcUrls() {
    }

    static String url(URI endpoint, String serialization) {
        return "jdbc:avatica:remote:url=" + endpoint + ";serialization=" + serialization;
    }

    /** A connection with the given properties (name, value, name, value, …), protobuf serialization. */
    static Connection connect(URI endpoint, String... properties) throws SQLException {
        return connect(url(endpoint, "protobuf"), properties);
    }

    static Connection connect(String url, String... properties) throws SQLException {
        Properties info = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            info.setProperty(properties[i], properties[i + 1]);
        }
        // The driver itself, not DriverManager: the test JVM's driver list is Quarkus' to manage.
        return (url.startsWith(JunctionDriver.PREFIX) ? new JunctionDriver() : new Driver()).connect(url, info);
    }

    /** Reads the first row of a query, as {@link #inBackground}. */
    static CompletableFuture<SQLException> firstRowInBackground(Statement statement, String sql) {
        return inBackground(() -> {
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
            }
        });
    }

    /**
     * Runs a JDBC call that waits for its query on a platform thread of its own; the answer is the SQLException it
     * failed with, or null. Not on the common fork-join pool: on two cores it has one thread, which Groovy's class
     * initialization inside RestAssured's first request also needs, and the test would wait for itself until the
     * JDBC call times out.
     */
    static CompletableFuture<SQLException> inBackground(JdbcCall call) {
        CompletableFuture<SQLException> answer = new CompletableFuture<>();
        Thread.ofPlatform().name("jdbc-client").daemon().start(() -> {
            try {
                call.run();
                answer.complete(null);
            } catch (SQLException e) {
                answer.complete(e);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** The query the call ran was cancelled while it waited: its answer is QUERY_CANCELLED, SQLState 57014. */
    static void assertCancelled(CompletableFuture<SQLException> answer) throws Exception {
        SQLException cancelled = answer.get(30, TimeUnit.SECONDS);
        assertThat((Throwable) cancelled).isNotNull();
        assertThat(cancelled.getErrorCode()).as(cancelled.getMessage()).isEqualTo(1010);
        assertThat(cancelled.getSQLState()).isEqualTo("57014");
    }

    /** A JDBC call. */
    @FunctionalInterface
    interface JdbcCall {
        void run() throws SQLException;
    }
}
