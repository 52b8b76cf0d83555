package dev.junction.ingest.handoff;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One handoff done: which chunks it moved, how many rows, the Druid tasks it ran and how long each step took.
 *
 * @param kind {@code chunk} (a chunk's on-time rows), {@code late} (late rows of a chunk already in Druid) or
 *     {@code empty} (chunks without rows: the watermark moved without a task)
 * @param start the first chunk's start
 * @param end the last chunk's end
 * @param rows the rows Druid received
 * @param after the state it moved to
 * @param tasks the Druid tasks' ids
 * @param steps each step's duration, in order (read, task, confirm, advance, …)
 */
public record Handoff(String kind, Instant start, Instant end, long rows, HandoffState after, List<String> tasks,
        Map<String, Duration> steps) {
    public Handoff {
        Objects.requireNonNull(kind, "kind");
        tasks = List.copyOf(tasks);
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    }
}
