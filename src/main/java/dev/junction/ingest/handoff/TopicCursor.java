package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.junction.connector.HttpEndpoint;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The ingest topic and the consumers' subscription as Pulsar's admin API sees them: how long the topic keeps
 * acknowledged messages, where it ends, and where the subscription stands. A replay rewinds the subscription to a
 * publish time, so that the gateways consume the messages from there again (docs/metrics.md, "Ignite restarts").
 */
final class TopicCursor {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message position: ledger, then entry within it ({@code -1} before its first entry). */
    record Position(long ledger, long entry) implements Comparable<Position> {
        /** Parses {@code "ledger:entry"} as the admin API writes it. */
        static Position parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a ledger:entry position: " + text);
            }
            return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }

        @Override
        public int compareTo(Position other) {
            int byLedger = Long.compare(ledger, other.ledger);
            return byLedger != 0 ? byLedger : Long.compare(entry, other.entry);
        }

        @Override
        public String toString() {
            return ledger + ":" + entry;
        }
    }

    private final HttpEndpoint admin;
    private final String topicPath;
    private final String subscription;

    /**
     * @param topic {@code junction.ingest.topic}: a short name in {@code public/default}, or a full
     *     {@code persistent://tenant/namespace/topic}
     */
    TopicCursor(HttpEndpoint admin, String topic, String subscription) {
        this.admin = admin;
        this.topicPath = "admin/v2/" + path(topic);
        this.subscription = subscription;
    }

    /** The admin API's path of a topic: {@code persistent/public/default/metrics}. */
    static String path(String topic) {
        int scheme = topic.indexOf("://");
        return scheme < 0 ? "persistent/public/default/" + topic : topic.substring(0, scheme) + "/"
                + topic.substring(scheme + 3);
    }

    /** Keeps acknowledged messages of the topic for {@code period} (a topic policy; no size limit). */
    void retain(Duration period) throws IOException, InterruptedException {
        long minutes = Math.max(1, (period.toSeconds() + 59) / 60);
        admin.postJson(topicPath + "/retention", "{\"retentionTimeInMinutes\":" + minutes
                + ",\"retentionSizeInMB\":-1}");
    }

    /**
     * Rewinds the subscription to the first message published at or after {@code time} (or the oldest message the
     * topic still has); Pulsar disconnects its consumers, which reconnect and receive from there.
     *
     * @return the position of the topic's last message before the rewind ({@code ledger:-1} when its current
     *     ledger had none), which the replay must reach; empty when the topic or the subscription does not exist yet
     *     (its first consumer starts at the earliest message: nothing to rewind)
     */
    Optional<Position> rewind(Instant time) throws IOException, InterruptedException {
        JsonNode stats = internalStats();
        if (stats.path("cursors").path(subscription).isMissingNode()) {
            return Optional.empty();
        }
        Position end = Position.parse(stats.path("lastConfirmedEntry").asText());
        admin.postJson(topicPath + "/subscription/" + encoded() + "/resetcursor/" + time.toEpochMilli(), "");
        return Optional.of(end);
    }

    /**
     * Whether the subscription has acknowledged every message up to {@code target}: its mark-delete position
     * reached it, or nothing is left unacknowledged at all (the mark-delete position stays in the last ledger
     * that had messages, behind an empty current one).
     */
    boolean acknowledged(Position target) throws IOException, InterruptedException {
        JsonNode cursor = internalStats().path("cursors").path(subscription);
        if (cursor.isMissingNode()) {
            return true;
        }
        if (Position.parse(cursor.path("markDeletePosition").asText()).compareTo(target) >= 0) {
            return true;
        }
        JsonNode stats = JSON.readTree(admin.get(topicPath + "/stats")).path("subscriptions").path(subscription);
        return stats.path("msgBacklog").asLong(-1) == 0;
    }

    /** The topic's internal statistics; a missing node when the topic does not exist (yet). */
    private JsonNode internalStats() throws IOException, InterruptedException {
        Optional<String> stats = admin.find(topicPath + "/internalStats");
        return stats.isEmpty() ? MissingNode.getInstance() : JSON.readTree(stats.get());
    }

    private String encoded() {
        return URLEncoder.encode(subscription, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
