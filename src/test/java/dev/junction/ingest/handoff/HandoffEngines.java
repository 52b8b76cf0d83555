package dev.junction.ingest.handoff;

import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.ingest.HotTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the handoff tests write and read directly in the real engines: hot rows in the doc's row format through
 * Ignite SQL, Druid's rows through Druid SQL, and the answer a hybrid query would give for one handoff state.
 */
final class HandoffEngines {
    /** A count and a sum, as both tiers answer them; values in the tests are whole numbers, so sums are exact. */
    record Totals(long count, double sum) {
        Totals plus(Totals other) {
            return new Totals(count + other.count, sum + other.sum);
        }
    }

    private final JdbcEndpoint ignite;
    private final JdbcEndpoint druid;
    private final HttpEndpoint coordinator;
    private final HotTable hot;
    private final String datasource;

    HandoffEngines(JdbcEndpoint ignite, JdbcEndpoint druid, HttpEndpoint coordinator, HotTable hot, String datasource) {
        this.ignite = ignite;
        this.druid = druid;
        this.coordinator = coordinator;
        this.hot = hot;
        this.datasource = datasource;
    }

    /** Writes one hot row as the ingest path does (docs/metrics.md, "Rows"). */
    void write(String id, Instant time, double value, boolean late) throws SQLException {
        List<String> tags = hot.tagColumns();
        String columns = "EVENT_ID, TENANT, TS, NAME, TYPE, VAL, " + String.join(", ", tags) + ", TAGS, WINDOW_MS, LATE, LATE_SEQ";
        String marks = "?, ?, ?, ?, ?, ?, " + String.join(", ", java.util.Collections.nCopies(tags.size(), "?"))
                + ", ?, ?, ?, ?";
        try (Connection connection = ignite.open();
             PreparedStatement insert = connection.prepareStatement("MERGE INTO " + hot.qualifiedName() + " (" + columns
                     + ") VALUES (" + marks + ")")) {
            int i = 1;
            insert.setString(i++, id);
            insert.setString(i++, "acme");
            insert.setTimestamp(i++, Timestamp.from(time));
            insert.setString(i++, "api.requests");
            insert.setString(i++, "count");
            insert.setDouble(i++, value);
            for (String tag : tags) {
                insert.setString(i++, tag.equals("SERVICE") ? "checkout" : null);
            }
            insert.setString(i++, "{\"region\":\"eu\"}");
            insert.setLong(i++, 60_000);
            insert.setBoolean(i++, late);
            insert.setObject(i, null);
            insert.executeUpdate();
        }
    }

    /** Creates the hot table if it is missing (as the gateway does) and deletes its rows. */
    void freshHot() throws SQLException {
        try (Connection connection = ignite.open(); Statement statement = connection.createStatement()) {
            for (String ddl : hot.ddl()) {
                statement.executeUpdate(ddl);
            }
        }
        clearHot();
    }

    void clearHot() throws SQLException {
        try (Connection connection = ignite.open(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + hot.qualifiedName());
        }
    }

    /** Hot rows with {@code TS >= from}, of any kind. */
    long hotRows(Instant from) throws SQLException {
        return (long) hot("TS >= ?", from).count();
    }

    /** Hot rows with {@code from <= TS < to}, of any kind. */
    long hotRows(Instant from, Instant to) throws SQLException {
        return (long) hot("TS >= ? AND TS < ?", from, to).count();
    }

    /** The hot tier's answer for {@code (W, S)} (docs/metrics.md, "Handoff state"), rows from {@code from} on. */
    Totals hot(Instant from, HandoffState state) throws SQLException {
        return hot("TS >= ? AND ((TS >= ? AND NOT LATE) OR (LATE AND (LATE_SEQ IS NULL OR LATE_SEQ > ?)))", from,
                state.watermark(), state.seq());
    }

    private Totals hot(String where, Object... parameters) throws SQLException {
        try (Connection connection = ignite.open();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*), SUM(VAL) FROM " + hot.qualifiedName()
                     + " WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i] instanceof Instant time ? Timestamp.from(time) : parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new Totals(rows.getLong(1), rows.getDouble(2));
            }
        }
    }

    /** The cold tier's answer for {@code (W, S)}, rows from {@code from} on. */
    Totals cold(Instant from, HandoffState state) throws SQLException {
        if (!from.isBefore(state.watermark())) {
            return new Totals(0, 0);
        }
        return druid(DruidChunks.during(from, state.watermark()) + " AND handoff_seq <= " + state.seq());
    }

    /** Druid's rows of {@code [start, end)} by handoff sequence: {@code seq -> totals}. */
    List<long[]> druidBySeq(Instant start, Instant end) throws SQLException {
        List<long[]> result = new ArrayList<>();
        try (Connection connection = druid.open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT handoff_seq, COUNT(*), SUM(\"value\") FROM "
                     + DruidChunks.quoted(datasource) + " WHERE " + DruidChunks.during(start, end)
                     + " GROUP BY handoff_seq ORDER BY handoff_seq")) {
            while (rows.next()) {
                result.add(new long[] {rows.getLong(1), rows.getLong(2), (long) rows.getDouble(3)});
            }
        }
        return result;
    }

    /** Druid's rows with this event id. */
    Totals druid(String where) throws SQLException {
        try (Connection connection = druid.open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(\"value\") FROM "
                     + DruidChunks.quoted(datasource) + " WHERE " + where)) {
            rows.next();
            return new Totals(rows.getLong(1), rows.getDouble(2));
        } catch (SQLException e) {
            if (DruidChunks.notFound(e)) {
                return new Totals(0, 0);
            }
            throw e;
        }
    }

    /** Marks Druid's segments of {@code interval} unused: rows that earlier runs left there disappear. */
    void dropDruid(Instant start, Instant end) throws Exception {
        try {
            coordinator.postJson("druid/coordinator/v1/datasources/" + datasource + "/markUnused",
                    "{\"interval\":\"" + start + "/" + end + "\"}");
        } catch (java.io.IOException e) {
            // No such datasource yet: nothing to drop.
        }
    }
}
