package dev.junction.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The width of a structured query's time buckets: the units SQL's {@code FLOOR(ts TO unit)} floors to, which
 * each engine of a hybrid table computes alike. Written as {@code 1m} or {@code minute} (Druid's granularity
 * names), {@code PT1M} too.
 */
public enum TimeBucket {
    SECOND(Duration.ofSeconds(1)),
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration width;

    TimeBucket(Duration width) {
        this.width = width;
    }

    public Duration width() {
        return width;
    }

    /** {@code FLOOR(<time> TO MINUTE)}. */
    public String floor(String timeColumn) {
        return "FLOOR(" + timeColumn + " TO " + name() + ")";
    }

    /** The bucket a text names, or empty: {@code 1m}, {@code minute}, {@code PT1M}, … */
    public static Optional<TimeBucket> parse(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        for (TimeBucket bucket : values()) {
            if (bucket.name().equals(value)) {
                return Optional.of(bucket);
            }
        }
        Optional<Duration> width = dev.junction.config.DurationText.parse(text);
        for (TimeBucket bucket : values()) {
            if (width.isPresent() && bucket.width.equals(width.get())) {
                return Optional.of(bucket);
            }
        }
        return Optional.empty();
    }
}
