package dev.junction.ingest.handoff;

import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.HotTable;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ingest names of a test that runs the gateway as a process of its own, all made from one key (for
 * {@code kill}: topic {@code metrics-kill-it}, dead letters {@code metrics-dlq-kill-it}, subscription
 * {@code junction-kill-it}, hot table {@code METRICS.POINTS_KILL_IT}, datasource {@code points_kill_it}, hybrid table
 * {@code metrics.points_kill_it}), so that it sees no other gateway's events nor holds another's lease, and the
 * gateway's settings over them.
 *
 * @param key lower case, one word
 */
record IngestNames(String key) {
    /** The chunk, grace and safety margin of {@link #settings}. */
    static final ChunkClock CLOCK = new ChunkClock(Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(2));

    String table() {
        return "metrics.points_" + key + "_it";
    }

    String datasource() {
        return "points_" + key + "_it";
    }

    String topic() {
        return "metrics-" + key + "-it";
    }

    String subscription() {
        return "junction-" + key + "-it";
    }

    HotTable hot() {
        return new HotTable("METRICS", "POINTS_" + key.toUpperCase(Locale.ROOT) + "_IT",
                List.of("service", "endpoint", "method", "status", "host"));
    }

    /**
     * System properties of the gateway: it consumes and hands off these names with one-minute chunks (the test
     * profile's quick handoff settings), and the result cache is on, as in the stack; then {@code more}.
     */
    Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("junction.ingest.enabled", "true"), Map.entry("junction.cache.enabled", "true"),
                Map.entry("junction.ingest.chunk", "1m"), Map.entry("junction.ingest.grace", "5s"),
                Map.entry("junction.ingest.safety-margin", "2s"), Map.entry("junction.ingest.eviction-delay", "5s"),
                Map.entry("junction.ingest.handoff-interval", "1s"),
                Map.entry("junction.ingest.handoff-timeout", "2m"),
                // A killed gateway cannot give its lease back: a restarted one takes over once it has expired.
                Map.entry("junction.ingest.handoff-lease", "15s"),
                Map.entry("junction.ingest.topic", topic()),
                Map.entry("junction.ingest.dead-letter-topic", "metrics-dlq-" + key + "-it"),
                Map.entry("junction.ingest.subscription", subscription()),
                Map.entry("junction.ingest.hot-table", hot().schema() + "." + hot().table()),
                Map.entry("junction.ingest.cold-datasource", datasource()),
                Map.entry("junction.ingest.table", table())));
        settings.putAll(more);
        return Map.copyOf(settings);
    }
}
