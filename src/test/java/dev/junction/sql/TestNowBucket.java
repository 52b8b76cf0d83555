package dev.junction.sql;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestNowBucket {
    @Test
    void floorsNowToAMultipleOfTheWidthSinceTheEpoch() {
        Instant now = Instant.parse("2026-12-02T04:17:43.250Z");

        assertThat(NowBucket.parse("10s").start(now)).isEqualTo(Instant.parse("2026-12-02T04:17:40Z"));
        assertThat(NowBucket.parse("1m").start(now)).isEqualTo(Instant.parse("2026-12-02T04:17:00Z"));
        assertThat(NowBucket.parse("1h").start(now)).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
        assertThat(NowBucket.parse("1d").start(now)).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(NowBucket.parse("PT15M").start(now)).isEqualTo(Instant.parse("2026-12-02T04:15:00Z"));
        assertThat(NowBucket.parse("200ms").start(now)).isEqualTo(Instant.parse("2026-12-02T04:17:43.200Z"));
        // 11 minutes do not divide an hour: the buckets count from the epoch, not from the hour.
        assertThat(NowBucket.parse("11m").start(now)).isEqualTo(Instant.parse("2026-12-02T04:12:00Z"));
    }

    @Test
    void anInstantOnABoundaryStartsItsBucketAndTheLastMillisecondBeforeItStaysInThePreviousOne() {
        NowBucket bucket = NowBucket.parse("2s");

        assertThat(bucket.start(Instant.parse("2026-12-02T04:10:02Z"))).isEqualTo(Instant.parse("2026-12-02T04:10:02Z"));
        assertThat(bucket.start(Instant.parse("2026-12-02T04:10:01.999Z")))
                .isEqualTo(Instant.parse("2026-12-02T04:10:00Z"));
    }

    @Test
    void beforeTheEpochItFloorsDownToo() {
        assertThat(NowBucket.parse("1s").start(Instant.parse("1969-12-31T23:59:59.500Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
    }

    @Test
    void refusesWhatIsNoPositiveWholeNumberOfMilliseconds() {
        for (String text : new String[] {"0s", "PT-1S", "soon", "", "PT0.0005S", "PT1.0005S"}) {
            assertThatThrownBy(() -> NowBucket.parse(text))
                    .isInstanceOfSatisfying(JunctionException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessage("time_bucket must be a positive duration such as \"10s\", \"1m\" or \"1h\" (whole"
                            + " milliseconds), got \"" + text + "\"");
        }
        assertThatThrownBy(() -> new NowBucket(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
