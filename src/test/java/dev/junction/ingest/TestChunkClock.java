package dev.junction.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestChunkClock {
    private final ChunkClock hourly = new ChunkClock(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(10));

    @Test
    void chunksAreAlignedToTheEpoch() {
        Instant start = hourly.start(Instant.parse("2026-12-02T10:37:12.345Z"));
        assertThat(start).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(hourly.end(start)).isEqualTo(Instant.parse("2026-12-02T11:00:00Z"));
        assertThat(hourly.interval(start)).isEqualTo("2026-12-02T10:00:00Z/2026-12-02T11:00:00Z");
        assertThat(hourly.start(Instant.parse("2026-12-02T11:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T11:00:00Z"));
    }

    @Test
    void aWatermarkOffTheBoundariesEndsItsChunkAtTheNextBoundary() {
        // Left by an earlier chunk length of one minute: the chunk is the rest of the hour.
        Instant watermark = Instant.parse("2026-12-02T10:32:00Z");
        assertThat(hourly.boundary(watermark)).isFalse();
        assertThat(hourly.end(watermark)).isEqualTo(Instant.parse("2026-12-02T11:00:00Z"));
        assertThat(hourly.interval(watermark)).isEqualTo("2026-12-02T10:32:00Z/2026-12-02T11:00:00Z");
        assertThat(hourly.handoffAt(watermark)).isEqualTo(Instant.parse("2026-12-02T11:01:10Z"));
        assertThat(hourly.boundary(hourly.end(watermark))).isTrue();
    }

    @Test
    void anEventIsLateOnceItsChunksGraceHasPassed() {
        Instant time = Instant.parse("2026-12-02T10:59:59Z");
        assertThat(hourly.late(time, Instant.parse("2026-12-02T11:00:59.999Z"))).isFalse();
        assertThat(hourly.late(time, Instant.parse("2026-12-02T11:01:00Z"))).isTrue();
        assertThat(hourly.handoffAt(Instant.parse("2026-12-02T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T11:01:10Z"));
    }

    @Test
    void aChunkMustDivideADay() {
        assertThatThrownBy(() -> new ChunkClock(Duration.ofMinutes(7), Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("must divide a day");
    }
}
