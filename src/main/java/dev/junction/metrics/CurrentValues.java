package dev.junction.metrics;

import dev.junction.sql.QueryMode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest value of each series (a metric name with one set of tags) seen within a recent window, read from the
 * live hybrid table: what {@code GET /api/v1/metrics/{name}/current} answers and the Prometheus export writes.
 */
public final class CurrentValues {
    /** The window a current value is looked for in, by default. */
    public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(5);

    /**
     * One series' latest point.
     *
     * @param name the metric's name
     * @param type its type (count, average, …)
     * @param labels its tenant and tags, sorted by name
     * @param value the latest value
     * @param timestamp when it was measured
     */
    public record Series(String name, String type, Map<String, String> labels, double value, Instant timestamp) {
    }

    /** The window a request's {@code within} names (15m, 1h, …), the default when it names none. */
    public static Duration within(String text) {
        return text == null ? DEFAULT_WITHIN : MetricQueryReader.duration(text, "within");
    }

    /** The series found, and the query that found them. */
    public record Found(List<Series> series, MetricQueries.Run run) {
    }

    private final MetricQueries queries;
    private final Clock clock;

    public CurrentValues(MetricQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * The latest point of every series of the table with a point in the last {@code within}, newest first;
     * only the series of {@code name} when given.
     */
    public Found find(MetricTable table, Optional<String> name, Duration within, QueryMode mode) {
        List<String> labels = new ArrayList<>(table.dimensions());
        labels.removeAll(List.of("name", "type"));
        labels.sort(null);
        String time = MetricTable.quote(table.timeColumn());
        StringBuilder sql = new StringBuilder("SELECT \"name\", \"type\", \"value\", ").append(time);
        labels.forEach(label -> sql.append(", ").append(MetricTable.quote(label)));
        sql.append(" FROM ").append(table.sqlName()).append(" WHERE ").append(time).append(" >= ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(LocalDateTime.ofInstant(clock.instant().minus(within), ZoneOffset.UTC).toString());
        if (name.isPresent()) {
            sql.append(" AND \"name\" = ?");
            parameters.add(name.get());
        }
        sql.append(" ORDER BY ").append(time).append(" DESC");
        // Not from the result cache: "current" means now.
        MetricQueries.Run run = queries.run(sql.toString(), parameters, mode, false);
        Map<String, Series> latest = new LinkedHashMap<>();
        for (Object[] row : run.answer().rows()) {
            Map<String, String> tags = new TreeMap<>();
            for (int i = 0; i < labels.size(); i++) {
                Object value = row[4 + i];
                if (value != null) {
                    tags.put(labels.get(i), value.toString());
                }
            }
            String key = row[0] + "\u0000" + tags;
            if (!latest.containsKey(key) && row[2] != null) {
                latest.put(key, new Series((String) row[0], row[1] == null ? null : row[1].toString(), tags,
                        ((Number) row[2]).doubleValue(), instant(row[3])));
            }
        }
        return new Found(List.copyOf(latest.values()), run);
    }

    /** A TIMESTAMP value of a result row (UTC) as an instant, whatever form the engine gave it in. */
    public static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
