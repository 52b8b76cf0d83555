package dev.junction.sql.hybrid;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one statement read the hybrid table: the handoff state {@code (W, S)} taken when it was planned, and the
 * tiers its answer comes from (docs/metrics.md, "Hybrid queries").
 *
 * @param table the hybrid table, schema.table
 * @param watermark W: cold rows have {@code ts < W}
 * @param sequence S: cold rows have {@code handoff_seq <= S}
 * @param tiers the engines the answer comes from, cold first ({@code druid}, {@code ignite})
 * @param missing the tiers left out because their engine was down and the request accepted a partial answer
 */
public record HybridRead(String table, Instant watermark, long sequence, List<String> tiers, List<String> missing) {
    public HybridRead {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(watermark, "watermark");
        tiers = List.copyOf(tiers);
        missing = List.copyOf(missing);
    }

    /** Whether a tier was left out. */
    public boolean partial() {
        return !missing.isEmpty();
    }
}
