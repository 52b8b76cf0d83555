package dev.junction.ingest.handoff;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.junction.ingest.HotTable.EVENT_ID;
import static dev.junction.ingest.HotTable.LATE;
import static dev.junction.ingest.HotTable.LATE_SEQ;
import static dev.junction.ingest.HotTable.NAME;
import static dev.junction.ingest.HotTable.TAGS;
import static dev.junction.ingest.HotTable.TENANT;
import static dev.junction.ingest.HotTable.TS;
import static dev.junction.ingest.HotTable.TYPE;
import static dev.junction.ingest.HotTable.VAL;
import static dev.junction.ingest.HotTable.WINDOW_MS;

/**
 * What a handoff reads and changes in the hot table (Ignite SQL over JDBC): a chunk's on-time rows, late rows and
 * their {@code LATE_SEQ}, and the evictions. Times are half-open intervals {@code [start, end)} in UTC.
 */
final class HotChunks {
    /** Ids per {@code IN (…)} list: Ignite parses long lists slowly. */
    private static final int IDS_PER_STATEMENT = 500;

    /** Late rows no handoff carries yet: {@code LATE_SEQ} null, or {@link HotTable#UNVERIFIED}. */
    private static final String UNCARRIED = "(" + LATE_SEQ + " IS NULL OR " + LATE_SEQ + " = " + HotTable.UNVERIFIED + ")";

    private final JdbcEndpoint ignite;
    private final HotTable table;
    private final String from;

    HotChunks(JdbcEndpoint ignite, HotTable table) {
        this.ignite = ignite;
        this.table = table;
        this.from = " FROM " + table.qualifiedName();
    }

    /**
     * Creates the table and the replay mark's table ({@code <TABLE>_REPLAY}) if Ignite has none (it keeps tables in
     * memory only). Both are lost together when Ignite restarts: a missing mark tells that the hot rows are gone.
     */
    void ensureTable() throws SQLException {
        try (Connection connection = ignite.open(); Statement statement = connection.createStatement()) {
            table.create(connection);
            statement.execute(table.replayDdl());
        }
    }

    /** The replay mark, empty when Ignite has none: it lost the hot table since the last mark was written. */
    Optional<ReplayMark> replayMark() throws SQLException {
        try (Connection connection = ignite.open();
             PreparedStatement statement = prepare(connection, "SELECT REPLAY_FROM, STARTED_AT, UNTIL, DONE FROM "
                     + table.replayTable() + " WHERE ID = ?", HotTable.REPLAY_ROW);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new ReplayMark(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant(),
                    Optional.ofNullable(rows.getString(3)), rows.getBoolean(4)));
        }
    }

    /** Writes the replay mark (replacing the one there). */
    void putReplayMark(ReplayMark mark) throws SQLException {
        update("MERGE INTO " + table.replayTable() + " (ID, REPLAY_FROM, STARTED_AT, UNTIL, DONE) VALUES (?, ?, ?, ?, ?)",
                HotTable.REPLAY_ROW, mark.from(), mark.startedAt(), mark.until().orElse(null), mark.done());
    }

    /**
     * The rows of {@code [start, end)} that are not late (what the handoff of that chunk carries), each given to
     * {@code sink} as it is read: a chunk may hold more rows than the gateway's memory; how many.
     */
    long onTime(Instant start, Instant end, Consumer<HotRow> sink) throws SQLException {
        return rows(sink, " WHERE " + TS + " >= ? AND " + TS + " < ? AND NOT " + LATE, start, end);
    }

    /** The late rows that handoff {@code seq} carries, each given to {@code sink}; how many. */
    long late(long seq, Consumer<HotRow> sink) throws SQLException {
        return rows(sink, " WHERE " + LATE + " AND " + LATE_SEQ + " = ?", seq);
    }

    /**
     * The earliest time of the late rows that handoff {@code seq} carries, when it has any: a prepared late handoff.
     * Those rows are all before {@code watermark} (a late handoff only takes chunks the watermark has passed, and the
     * watermark never goes back), so the {@code TS} index bounds the search to the rows not yet evicted before it;
     * without the bound every handoff round would read the whole hot table.
     */
    Optional<Instant> earliestLate(long seq, Instant watermark) throws SQLException {
        return earliest(" WHERE " + TS + " < ? AND " + LATE + " AND " + LATE_SEQ + " = ?", watermark, seq);
    }

    /** The earliest time of the late rows before {@code before} that no handoff carries yet. */
    Optional<Instant> earliestUncarriedLate(Instant before) throws SQLException {
        return earliest(" WHERE " + LATE + " AND " + UNCARRIED + " AND " + TS + " < ?", before);
    }

    /** The earliest time of the on-time rows before {@code before}: rows a handoff carried and not evicted yet. */
    Optional<Instant> earliestOnTime(Instant before) throws SQLException {
        return earliest(" WHERE NOT " + LATE + " AND " + TS + " < ?", before);
    }

    /** The ids of the late rows of {@code [start, end)} that no handoff carries yet. */
    List<String> uncarriedLateIds(Instant start, Instant end) throws SQLException {
        return ids(" WHERE " + LATE + " AND " + UNCARRIED + " AND " + TS + " >= ? AND " + TS + " < ?", start, end);
    }

    /** Gives the late rows of these ids that no handoff carries yet to handoff {@code seq}; returns how many. */
    int assignLate(Collection<String> ids, long seq) throws SQLException {
        return forIds(ids, "UPDATE " + table.qualifiedName() + " SET " + LATE_SEQ + " = " + seq + " WHERE " + LATE
                + " AND " + UNCARRIED + " AND " + EVENT_ID + " IN ");
    }

    /** How many on-time rows {@code [start, end)} holds. */
    long countOnTime(Instant start, Instant end) throws SQLException {
        try (Connection connection = ignite.open();
             PreparedStatement statement = prepare(connection, "SELECT COUNT(*)" + from + " WHERE " + TS + " >= ? AND "
                     + TS + " < ? AND NOT " + LATE, start, end);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The ids of the on-time rows of {@code [start, end)}. */
    List<String> onTimeIds(Instant start, Instant end) throws SQLException {
        return ids(" WHERE " + TS + " >= ? AND " + TS + " < ? AND NOT " + LATE, start, end);
    }

    private List<String> ids(String where, Object... parameters) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = ignite.open();
             PreparedStatement statement = prepare(connection, "SELECT " + EVENT_ID + from + where, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Deletes the on-time rows of {@code [start, end)}; returns how many. */
    int evictOnTime(Instant start, Instant end) throws SQLException {
        return update("DELETE" + from + " WHERE " + TS + " >= ? AND " + TS + " < ? AND NOT " + LATE, start, end);
    }

    /** Deletes the late rows of handoffs up to {@code seq}; returns how many. */
    int evictLate(long seq) throws SQLException {
        return update("DELETE" + from + " WHERE " + LATE + " AND " + LATE_SEQ + " > " + HotTable.UNVERIFIED + " AND "
                + LATE_SEQ + " <= ?", seq);
    }

    /** Turns on-time rows that their chunk's handoff did not carry into late rows, for a late handoff. */
    int markLate(Collection<String> ids) throws SQLException {
        return forIds(ids, "UPDATE " + table.qualifiedName() + " SET " + LATE + " = TRUE, " + LATE_SEQ + " = NULL WHERE NOT "
                + LATE + " AND " + EVENT_ID + " IN ");
    }

    /** Deletes rows by id. */
    int delete(Collection<String> ids) throws SQLException {
        return forIds(ids, "DELETE" + from + " WHERE " + EVENT_ID + " IN ");
    }

    private int forIds(Collection<String> ids, String statementPrefix) throws SQLException {
        List<String> all = List.copyOf(ids);
        int changed = 0;
        for (int first = 0; first < all.size(); first += IDS_PER_STATEMENT) {
            List<String> part = all.subList(first, Math.min(all.size(), first + IDS_PER_STATEMENT));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            changed += update(statementPrefix + "(" + marks + ")", part.toArray());
        }
        return changed;
    }

    private Optional<Instant> earliest(String where, Object... parameters) throws SQLException {
        try (Connection connection = ignite.open();
             PreparedStatement statement = prepare(connection, "SELECT MIN(" + TS + ")" + from + where, parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            Timestamp earliest = rows.getTimestamp(1);
            return earliest == null ? Optional.empty() : Optional.of(earliest.toInstant());
        }
    }

    private long rows(Consumer<HotRow> sink, String where, Object... parameters) throws SQLException {
        List<String> tagColumns = table.tagColumns();
        StringBuilder columns = new StringBuilder(String.join(", ", EVENT_ID, TENANT, NAME, TYPE, TS, VAL, TAGS, WINDOW_MS));
        tagColumns.forEach(column -> columns.append(", ").append(column));
        long read = 0;
        try (Connection connection = ignite.open();
             PreparedStatement statement = prepare(connection, "SELECT " + columns + from + where, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Map<String, String> tags = new HashMap<>();
                for (int i = 0; i < tagColumns.size(); i++) {
                    String value = rows.getString(9 + i);
                    if (value != null) {
                        tags.put(tagColumns.get(i), value);
                    }
                }
                long window = rows.getLong(8);
                Long windowMs = rows.wasNull() ? null : window;
                sink.accept(new HotRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getTimestamp(5).getTime(), rows.getDouble(6), tags, rows.getString(7), windowMs));
                read++;
            }
        }
        return read;
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = ignite.open(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            statement.setObject(i + 1, parameter instanceof Instant time ? Timestamp.from(time) : parameter);
        }
        return statement;
    }
}
