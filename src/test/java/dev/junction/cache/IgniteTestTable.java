package dev.junction.cache;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.ignite.IgniteJdbcThinDriver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * The Ignite table the cache tests own, {@code PUBLIC.JUNCTION_CACHE_IT (ID, V)}, created with three rows
 * (1, 10), (2, 20), (3, 30) before the gateway starts (so that its catalog lists it), and changed behind the
 * gateway's back through Ignite's own JDBC driver, as an outside writer would.
 */
public final class IgniteTestTable implements QuarkusTestResourceLifecycleManager {
    static final String TABLE = "PUBLIC.JUNCTION_CACHE_IT";
    private static final String URL = "jdbc:ignite:thin://127.0.0.1:"
            + System.getenv().getOrDefault("JUNCTION_IGNITE_PORT", "10800");

    @Override
    public Map<String, String> start() {
        execute("DROP TABLE IF EXISTS " + TABLE,
                "CREATE TABLE " + TABLE + " (ID BIGINT PRIMARY KEY, V BIGINT)",
                "INSERT INTO " + TABLE + " (ID, V) VALUES (1, 10), (2, 20), (3, 30)");
        return Map.of();
    }

    @Override
    public void stop() {
        // The table stays until the next run replaces it: another test JVM may still read it.
    }

    /** Runs statements on the shared Ignite node, outside the gateway. */
    static void execute(String... statements) {
        try (Connection connection = new IgniteJdbcThinDriver().connect(URL, new Properties());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ignite test table: " + e.getMessage(), e);
        }
    }
}
