package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a handoff writes and reads in Druid: native batch tasks on the coordinator-overlord that replace exactly one
 * chunk's interval (idempotent: running one twice leaves the same data), and Druid SQL on the broker to confirm
 * what Druid serves. The datasource's columns are the hot table's in lower case plus {@code handoff_seq}
 * (docs/metrics.md, "Rows").
 */
final class DruidChunks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 500;

    private final HttpEndpoint coordinator;
    private final JdbcEndpoint broker;
    private final DruidTaskSpecs specs;
    private final Duration timeout;

    DruidChunks(HttpEndpoint coordinator, JdbcEndpoint broker, DruidTaskSpecs specs, Duration timeout) {
        this.coordinator = coordinator;
        this.broker = broker;
        this.specs = specs;
        this.timeout = timeout;
    }

    String datasource() {
        return specs.datasource();
    }

    String stagingDatasource() {
        return specs.stagingDatasource();
    }

    /** Replaces {@code [start, end)} of the datasource with the rows of {@code files}; the task's id. */
    String replace(Instant start, Instant end, List<String> files) {
        return run(specs.http(specs.datasource(), start, end, files));
    }

    /** Replaces {@code [start, end)} of the staging datasource with the rows of {@code files} (a late handoff's first task). */
    String stage(Instant start, Instant end, List<String> files) {
        return run(specs.http(specs.stagingDatasource(), start, end, files));
    }

    /**
     * Replaces {@code [start, end)} of the datasource with its own rows of handoffs up to {@code keptSeq}, unchanged,
     * plus the staged rows of handoff {@code seq} (a late handoff's second task).
     */
    String combine(Instant start, Instant end, long keptSeq, long seq) {
        return run(specs.combining(start, end, keptSeq, seq));
    }

    /** Waits until Druid serves {@code expected} rows of {@code [start, end)} with the given sequence condition. */
    void awaitCount(Instant start, Instant end, String seqCondition, long expected) {
        awaitCount(datasource(), start, end, seqCondition, expected);
    }

    /**
     * Waits until Druid serves the {@code expected} staged rows of handoff {@code seq} in {@code [start, end)}: the
     * combining task reads them by segment id from the coordinator, which knows a new segment only once it polled
     * the metadata store ({@code druid.manager.segments.pollDuration}); started before that, its sub-tasks fail
     * ("404 Not Found") and the task with them.
     */
    void awaitStaged(Instant start, Instant end, long seq, long expected) {
        awaitCount(specs.stagingDatasource(), start, end, "handoff_seq = " + seq, expected);
    }

    private void awaitCount(String from, Instant start, Instant end, String seqCondition, long expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long served = -1;
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                served = count(from, start, end, seqCondition);
                last = null;
                if (served == expected) {
                    return;
                }
            } catch (RuntimeException e) {
                // A datasource Druid has not loaded yet is "not found" until its first segment is served.
                last = e;
            }
            pause();
        }
        throw new JunctionException(ErrorCode.ENGINE_ERROR, "Druid serves " + served + " rows of '" + from + "' in "
                + start + "/" + end + " with " + seqCondition + " after " + timeout.toSeconds() + " s, not " + expected, last);
    }

    /** How many rows of {@code [start, end)} Druid serves with {@code seqCondition} (e.g. {@code handoff_seq = 3}). */
    long count(Instant start, Instant end, String seqCondition) {
        return count(datasource(), start, end, seqCondition);
    }

    private long count(String from, Instant start, Instant end, String seqCondition) {
        try (Connection connection = broker.open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quoted(from) + " WHERE "
                     + during(start, end) + " AND " + seqCondition)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if (notFound(e)) {
                // No segment of the datasource is served (none written yet): it holds no rows.
                return 0;
            }
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "Druid does not count '" + from + "': "
                    + e.getMessage(), e);
        }
    }

    /** Which of {@code ids} Druid already holds in {@code [start, end)} from handoffs up to {@code seq}. */
    Set<String> existing(Instant start, Instant end, long seq, Collection<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int first = 0; first < all.size(); first += 500) {
            String list = all.subList(first, Math.min(all.size(), first + 500)).stream()
                    .map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(", "));
            String sql = "SELECT DISTINCT event_id FROM " + quoted(datasource()) + " WHERE " + during(start, end)
                    + " AND handoff_seq <= " + seq + " AND event_id IN (" + list + ")";
            try (Connection connection = broker.open(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            } catch (SQLException e) {
                if (notFound(e)) {
                    // Nothing handed off yet: the datasource may not exist.
                    continue;
                }
                throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "Druid does not read '" + datasource()
                        + "': " + e.getMessage(), e);
            }
        }
        return found;
    }

    private String run(ObjectNode task) {
        String id;
        try {
            id = JSON.readTree(coordinator.postJson("druid/indexer/v1/task", JSON.writeValueAsString(task)))
                    .path("task").asText();
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "Druid's overlord refused the handoff task: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "The handoff was interrupted", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = status(id);
            String code = status.path("statusCode").asText();
            if ("SUCCESS".equals(code)) {
                return id;
            }
            if ("FAILED".equals(code)) {
                throw new JunctionException(ErrorCode.ENGINE_ERROR, "Druid task " + id + " failed: "
                        + status.path("errorMsg").asText("no reason given"));
            }
            pause();
        }
        throw new JunctionException(ErrorCode.QUERY_TIMEOUT, "Druid task " + id + " did not finish within "
                + timeout.toSeconds() + " s");
    }

    private JsonNode status(String id) {
        try {
            return JSON.readTree(coordinator.get("druid/indexer/v1/task/" + id + "/status")).path("status");
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "Druid's overlord does not report task " + id
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "The handoff was interrupted", e);
        }
    }

    /**
     * Druid SQL's answer for a datasource it serves no segment of. While a datasource's last segments are being
     * dropped, the broker may still list the table and then fail to plan over it with a NullPointerException on
     * {@code relOptTable}: that too means no segment is served.
     */
    static boolean notFound(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("not found") || message.contains("\"relOptTable\" is null");
    }

    static String during(Instant start, Instant end) {
        return "__time >= MILLIS_TO_TIMESTAMP(" + start.toEpochMilli() + ") AND __time < MILLIS_TO_TIMESTAMP("
                + end.toEpochMilli() + ")";
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "The handoff was interrupted", e);
        }
    }
}
