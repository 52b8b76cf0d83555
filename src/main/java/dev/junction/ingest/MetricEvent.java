package dev.junction.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One metric event, valid: what the ingest path stores, keyed by its id so that a replayed event changes nothing.
 *
 * @param id the event's id, given by the producer or generated when it arrived
 * @param tenant whose metric it is
 * @param name the metric's name, e.g. {@code api.response.time}
 * @param type how its values combine
 * @param value a finite number
 * @param tags dimensions such as {@code host} or {@code endpoint}, sorted by key
 * @param timestamp when it was measured
 * @param window the period the value covers (a count per minute), when the producer says
 */
public record MetricEvent(String id, String tenant, String name, MetricType type, double value,
        Map<String, String> tags, Instant timestamp, Optional<Duration> window) {
    public MetricEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(window, "window");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
