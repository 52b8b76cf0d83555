package dev.junction.connector.ignite;

import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.IgniteClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Waits, before a table or cache is created, until every Ignite node has been up for {@link #SETTLE}. An Ignite 2.17
 * node opens its client port before its own join exchange has ended, and a cache created in that moment halts it
 * ("Failed to find completed exchange future to fetch affinity"): measured on a node restarted while a client kept
 * sending CREATE TABLE, every such start died, and none did once the client waited for an uptime of 3 s. A gateway
 * that reconnects right after Ignite restarted would otherwise kill it again.
 */
public final class IgniteStartup {
    /** How long a node must have been up before anything creates a cache on it. */
    public static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String UPTIME = "SELECT MIN(UPTIME) FROM SYS.NODE_METRICS";

    private IgniteStartup() {
    }

    /** Waits (at most {@link #SETTLE}) until the nodes behind a JDBC connection have settled. */
    public static void awaitSettled(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet uptime = statement.executeQuery(UPTIME)) {
            uptime.next();
            sleepRest(uptime.getLong(1));
        }
    }

    /** Waits (at most {@link #SETTLE}) until the nodes behind a thin client have settled. */
    public static void awaitSettled(IgniteClient client) {
        List<List<?>> rows = client.query(new SqlFieldsQuery(UPTIME).setSchema("PUBLIC")).getAll();
        Object uptime = rows.isEmpty() ? null : rows.get(0).get(0);
        sleepRest(uptime instanceof Number millis ? millis.longValue() : 0);
    }

    private static void sleepRest(long uptimeMillis) {
        long rest = SETTLE.toMillis() - uptimeMillis;
        if (rest <= 0) {
            return;
        }
        try {
            Thread.sleep(rest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
