package dev.junction.history;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestHistoryRetention {
    @Test
    void theCutoffIsTheRetentionBeforeNow() {
        HistoryRetention retention = new HistoryRetention(10, Duration.ofDays(7), 100);
        assertThat(retention.cutoff(Instant.parse("2026-03-08T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void prunesOnTheFirstRecordedQueryAndThenEveryHundred() {
        HistoryRetention retention = new HistoryRetention(10, Duration.ofDays(7), 100);
        assertThat(LongStream.rangeClosed(1, 301).filter(n -> retention.pruneAfter(n - 1, n)).boxed().toList())
                .containsExactly(1L, 101L, 201L, 301L);
        HistoryRetention always = new HistoryRetention(10, Duration.ofDays(7), 1);
        assertThat(LongStream.rangeClosed(1, 3).filter(n -> always.pruneAfter(n - 1, n)).count()).isEqualTo(3);
    }

    @Test
    void aBatchPrunesWhenItCrossesAHundred() {
        HistoryRetention retention = new HistoryRetention(10, Duration.ofDays(7), 100);
        assertThat(retention.pruneAfter(0, 40)).isTrue();
        assertThat(retention.pruneAfter(40, 100)).isFalse();
        assertThat(retention.pruneAfter(100, 101)).isTrue();
        assertThat(retention.pruneAfter(101, 200)).isFalse();
        assertThat(retention.pruneAfter(150, 450)).isTrue();
    }

    @Test
    void invalidLimitsFailWithTheKey() {
        assertThatThrownBy(() -> new HistoryRetention(0, Duration.ofDays(7), 100))
                .isInstanceOf(JunctionException.class)
                .hasMessage("junction.history.max-queries must be at least 1, got 0")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThatThrownBy(() -> new HistoryRetention(10, Duration.ZERO, 100))
                .hasMessage("junction.history.retention must be positive, got PT0S");
    }
}
