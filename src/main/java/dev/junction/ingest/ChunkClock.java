package dev.junction.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The time chunks of the ingest path (docs/metrics.md): chunks of a fixed length aligned to the epoch (one hour
 * by default: 10:00–11:00 UTC), each open for events until its end plus a grace period, handed off to Druid a
 * safety margin after that.
 */
public record ChunkClock(Duration chunk, Duration grace, Duration safetyMargin) {
    public ChunkClock {
        if (chunk.toMillis() <= 0 || Duration.ofDays(1).toMillis() % chunk.toMillis() != 0) {
            throw new IllegalArgumentException("junction.ingest.chunk must divide a day, e.g. 1m, 5m, 1h: " + chunk);
        }
        if (grace.isNegative() || safetyMargin.isNegative()) {
            throw new IllegalArgumentException("junction.ingest.grace and safety-margin must not be negative");
        }
    }

    public static ChunkClock of(IngestConfig config) {
        return new ChunkClock(config.chunk(), config.grace(), config.safetyMargin());
    }

    /** The start of the chunk holding {@code time}. */
    public Instant start(Instant time) {
        long length = chunk.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), length) * length);
    }

    /**
     * The end (exclusive) of the chunk starting at {@code start}: its next chunk boundary. When {@code start} is no
     * boundary (a watermark left by an earlier, shorter chunk length: docs/metrics.md, "Changing the chunk length"),
     * the chunk is the rest of the chunk holding it.
     */
    public Instant end(Instant start) {
        return start(start).plus(chunk);
    }

    /** Whether {@code time} is a chunk boundary. */
    public boolean boundary(Instant time) {
        return start(time).equals(time);
    }

    /** Whether an event at {@code time} arriving {@code now} is late: its chunk has stopped taking events. */
    public boolean late(Instant time, Instant now) {
        return !now.isBefore(end(start(time)).plus(grace));
    }

    /** When the chunk starting at {@code start} may be handed off. */
    public Instant handoffAt(Instant start) {
        return end(start).plus(grace).plus(safetyMargin);
    }

    /** The chunk as Druid writes an interval: {@code 2026-12-02T10:00:00Z/2026-12-02T11:00:00Z}. */
    public String interval(Instant start) {
        return start + "/" + end(start);
    }
}
