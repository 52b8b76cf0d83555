package dev.junction.metrics;

import dev.junction.config.DurationText;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.junction.metrics.MetricQuery.invalid;

/**
 * Reads the fields of a structured metric query as JSON gives them (a metric name or a list of them, times as
 * ISO-8601 or epoch milliseconds, …) into a {@link MetricQuery}, with errors that name the field.
 */
public final class MetricQueryReader {
    /** The range of a query that names none: the last hour. */
    public static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final Clock clock;

    public MetricQueryReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param metrics a name or a list of names
     * @param aggregation avg (default), sum, count, min, max, p50, p90, p95, p99, distinct
     * @param window the bucket width (1s, 1m, 1h, 1d or second … day); null: no buckets
     * @param startTime the range's start, with {@code endTime}; or null with {@code timeRange}
     * @param endTime the range's end (default now)
     * @param timeRange the range as a duration back from now (default 1h), when no start is given
     * @param groupBy a dimension or a list of them
     * @param filters dimension → a value or a list of values
     */
    public MetricQuery read(Object metrics, String aggregation, String window, Object startTime, Object endTime,
            String timeRange, Object groupBy, Map<String, Object> filters) {
        Instant end = endTime == null ? clock.instant() : instant(endTime, "end_time");
        Instant start;
        if (startTime != null) {
            if (timeRange != null) {
                throw invalid("Give either \"start_time\" (with \"end_time\") or \"time_range\", not both");
            }
            start = instant(startTime, "start_time");
        } else {
            start = end.minus(timeRange == null ? DEFAULT_RANGE : duration(timeRange, "time_range"));
        }
        return new MetricQuery(strings(metrics, "metrics"), aggregation(aggregation), bucket(window), start, end,
                groupBy == null ? List.of() : strings(groupBy, "group_by"), filters(filters));
    }

    static Aggregation aggregation(String name) {
        if (name == null) {
            return Aggregation.AVG;
        }
        return Aggregation.parse(name).orElseThrow(() -> invalid("Unknown aggregation '" + name + "'; use one of "
                + Aggregation.names()));
    }

    static Optional<TimeBucket> bucket(String window) {
        if (window == null || window.isBlank() || window.equalsIgnoreCase("all")) {
            return Optional.empty();
        }
        return Optional.of(TimeBucket.parse(window).orElseThrow(() -> invalid("Unknown window '" + window
                + "'; use 1s, 1m, 1h or 1d (second, minute, hour, day), or all")));
    }

    /** An instant: ISO-8601 with or without a zone (UTC then), or epoch milliseconds. */
    static Instant instant(Object value, String field) {
        if (value instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        String text = value.toString().strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException again) {
                throw invalid("\"" + field + "\" must be an ISO-8601 time (2026-12-02T10:00:00Z) or epoch"
                        + " milliseconds, got '" + text + "'");
            }
        }
    }

    public static Duration duration(String text, String field) {
        return DurationText.parse(text).filter(duration -> !duration.isNegative() && !duration.isZero())
                .orElseThrow(() -> invalid("\"" + field + "\" must be a positive duration such as 15m, 1h or 7d,"
                        + " got '" + text + "'"));
    }

    static List<String> strings(Object value, String field) {
        List<String> strings = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            for (Object item : values) {
                if (!(item instanceof String text) || text.isBlank()) {
                    throw invalid("\"" + field + "\" must hold names (strings), got " + item);
                }
                strings.add(text);
            }
        } else if (value instanceof String text && !text.isBlank()) {
            strings.add(text);
        } else {
            throw invalid("\"" + field + "\" must be a name or a list of names, got " + value);
        }
        return strings;
    }

    private static Map<String, List<String>> filters(Map<String, Object> filters) {
        Map<String, List<String>> read = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((dimension, values) -> {
                List<String> accepted = strings(values, "filters." + dimension);
                read.put(dimension, accepted);
            });
        }
        return read;
    }
}
