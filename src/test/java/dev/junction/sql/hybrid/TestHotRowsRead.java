package dev.junction.sql.hybrid;

import dev.junction.ingest.handoff.HandoffState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement planned with one handoff state reads the hot rows of every later chunk; a later handoff evicts them
 * {@code eviction-delay} after it is stored. A statement still reading the hot tier by then may have missed rows.
 */
class TestHotRowsRead {
    private static final Instant W = Instant.parse("2026-12-02T17:31:00Z");
    private static final Duration DELAY = Duration.ofSeconds(5);
    private static final HybridRead READ = new HybridRead("metrics.points", W, 1, List.of("druid", "ignite"), List.of());

    @Test
    void theSameHandoffOrOnlyEmptyChunksSkippedSinceLeaveEveryRow() {
        HandoffState same = new HandoffState("metrics.points", W, 1, W.plusSeconds(7));
        HandoffState skipped = new HandoffState("metrics.points", W.plusSeconds(120), 1, W.plusSeconds(127));
        assertThat(HybridTables.hotRowsWereThere(READ, same, DELAY, W.plusSeconds(3600))).isTrue();
        assertThat(HybridTables.hotRowsWereThere(READ, skipped, DELAY, W.plusSeconds(3600))).isTrue();
    }

    @Test
    void aNextHandoffLeavesTheRowsUntilItsDelayLessTheStatesAge() {
        Instant stored = Instant.parse("2026-12-02T17:32:32Z");
        HandoffState next = new HandoffState("metrics.points", W.plusSeconds(60), 2, stored);
        assertThat(HybridTables.hotRowsWereThere(READ, next, DELAY, stored.plusSeconds(3))).isTrue();
        // Up to a second old, the state may have moved a second before this gateway saw it.
        assertThat(HybridTables.hotRowsWereThere(READ, next, DELAY, stored.plusSeconds(4))).isFalse();
        assertThat(HybridTables.hotRowsWereThere(READ, next, DELAY, stored.plusSeconds(8))).isFalse();
    }

    @Test
    void twoHandoffsSinceTheReadMayHaveEvictedAnyTime() {
        Instant stored = Instant.parse("2026-12-02T17:33:32Z");
        HandoffState twoLater = new HandoffState("metrics.points", W.plusSeconds(120), 3, stored);
        assertThat(HybridTables.hotRowsWereThere(READ, twoLater, DELAY, stored.minusSeconds(30))).isFalse();
    }
}
