package dev.junction.sql;

import dev.junction.config.DurationText;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The width of a request's time bucket: the request's current-time functions evaluate at the start of the bucket
 * that holds the current instant, the buckets being the multiples of the width since the epoch (UTC), so that
 * every request within one bucket asks the same statement and the result cache can answer it.
 *
 * @param width at least one millisecond, a whole number of milliseconds
 */
public record NowBucket(Duration width) {
    public NowBucket {
        Objects.requireNonNull(width, "width");
        if (!isWholePositiveMillis(width)) {
            throw new IllegalArgumentException("width must be a positive whole number of milliseconds: " + width);
        }
    }

    /**
     * The bucket a request's {@code time_bucket} names.
     *
     * @param text a duration such as {@code 10s}, {@code 1m}, {@code 1h}, or ISO-8601 ({@code PT5M})
     * @throws JunctionException INVALID_REQUEST when the text names no positive whole number of milliseconds
     */
    public static NowBucket parse(String text) {
        return DurationText.parse(text)
                .filter(NowBucket::isWholePositiveMillis)
                .map(NowBucket::new)
                .orElseThrow(() -> new JunctionException(ErrorCode.INVALID_REQUEST, "time_bucket must be a positive"
                        + " duration such as \"10s\", \"1m\" or \"1h\" (whole milliseconds), got \"" + text + "\""));
    }

    /** The start of the bucket that holds {@code now}: {@code now} floored to a multiple of the width. */
    public Instant start(Instant now) {
        long widthMillis = width.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), widthMillis) * widthMillis);
    }

    private static boolean isWholePositiveMillis(Duration width) {
        return width.compareTo(Duration.ofMillis(1)) >= 0 && width.toNanosPart() % 1_000_000 == 0;
    }
}
