package dev.junction.ingest.handoff;

import java.time.Instant;

/**
 * Where a hybrid table splits (docs/metrics.md, "Handoff state"): Druid holds every chunk before the watermark,
 * and shows the rows of handoffs up to {@code seq}; Ignite holds the rest.
 *
 * @param table the hybrid table, e.g. {@code metrics.points}
 * @param watermark cold rows have {@code ts < watermark}; non-late hot rows {@code ts >= watermark}
 * @param seq the last handoff Druid may show ({@code handoff_seq <= seq}); 0 before the first
 * @param updatedAt when it last moved
 */
public record HandoffState(String table, Instant watermark, long seq, Instant updatedAt) {
    /** The state after handoff {@code seq} moved the watermark to {@code watermark}. */
    public HandoffState advance(Instant newWatermark, long newSeq, Instant now) {
        if (newSeq != seq + 1 || newWatermark.isBefore(watermark)) {
            throw new IllegalArgumentException("handoff " + newSeq + " to " + newWatermark + " cannot follow " + this);
        }
        return new HandoffState(table, newWatermark, newSeq, now);
    }

    /** The state after empty chunks moved the watermark to {@code newWatermark} without a handoff (same sequence). */
    public HandoffState skip(Instant newWatermark, Instant now) {
        if (!newWatermark.isAfter(watermark)) {
            throw new IllegalArgumentException("watermark " + newWatermark + " does not follow " + this);
        }
        return new HandoffState(table, newWatermark, seq, now);
    }
}
