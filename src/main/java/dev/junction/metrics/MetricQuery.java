package dev.junction.metrics;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A structured metric query (the seed format of {@code POST /api/v1/query} without {@code sql}, and of
 * {@code POST /api/v1/query/timeseries}), validated, and the one SQL statement it becomes on a {@link MetricTable}:
 * one row per (bucket, metric, group) with the aggregated {@code value}, in time order.
 *
 * @param metrics the metric names, at least one
 * @param aggregation how each group's values combine
 * @param bucket the time buckets; empty: one row per group over the whole range
 * @param start the range's start (inclusive)
 * @param end the range's end (exclusive)
 * @param groupBy dimensions to group by, beside the metric's name
 * @param filters dimension → accepted values
 */
public record MetricQuery(List<String> metrics, Aggregation aggregation, Optional<TimeBucket> bucket, Instant start,
        Instant end, List<String> groupBy, Map<String, List<String>> filters) {
    public MetricQuery {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(bucket, "bucket");
        groupBy = List.copyOf(groupBy);
        filters = java.util.Collections.unmodifiableMap(new TreeMap<>(filters));
        if (metrics.isEmpty()) {
            throw invalid("\"metrics\" must name at least one metric");
        }
        if (!start.isBefore(end)) {
            throw invalid("The time range is empty: start " + start + " is not before end " + end);
        }
    }

    /**
     * The SQL statement and its parameter values (names, filter values and the range's ends are parameters, so
     * that one statement shape is planned once).
     *
     * @throws JunctionException INVALID_REQUEST when a group or filter names a column the table lacks
     */
    public MetricSql toSql(MetricTable table) {
        for (String dimension : groupBy) {
            requireDimension(table, dimension, "group_by");
        }
        for (String dimension : filters.keySet()) {
            requireDimension(table, dimension, "filters");
        }
        String time = MetricTable.quote(table.timeColumn());
        List<String> select = new ArrayList<>();
        List<String> group = new ArrayList<>();
        bucket.ifPresent(width -> {
            select.add(width.floor(time) + " AS \"time\"");
            group.add(width.floor(time));
        });
        select.add("\"name\" AS \"metric\"");
        group.add("\"name\"");
        for (String dimension : groupBy) {
            select.add(MetricTable.quote(dimension));
            group.add(MetricTable.quote(dimension));
        }
        select.add(aggregation.sql() + " AS \"value\"");

        List<Object> parameters = new ArrayList<>(metrics);
        StringBuilder where = new StringBuilder("\"name\" IN (").append(placeholders(metrics.size())).append(")")
                .append(" AND ").append(time).append(" >= ? AND ").append(time).append(" < ?");
        parameters.add(timestamp(start));
        parameters.add(timestamp(end));
        filters.forEach((dimension, values) -> {
            where.append(" AND ").append(MetricTable.quote(dimension)).append(" IN (").append(placeholders(values.size()))
                    .append(")");
            parameters.addAll(values);
        });
        String sql = "SELECT " + String.join(", ", select) + " FROM " + table.sqlName() + " WHERE " + where
                + " GROUP BY " + String.join(", ", group) + " ORDER BY " + orderBy(select.size() - 1);
        return new MetricSql(sql, parameters);
    }

    private static String orderBy(int keys) {
        StringBuilder order = new StringBuilder();
        for (int i = 1; i <= keys; i++) {
            order.append(i == 1 ? "" : ", ").append(i);
        }
        return order.toString();
    }

    private static void requireDimension(MetricTable table, String dimension, String field) {
        if (!table.dimensions().contains(dimension)) {
            throw invalid("\"" + field + "\" names '" + dimension + "', which table '" + table.displayName()
                    + "' has no dimension of; use one of " + new java.util.TreeSet<>(table.dimensions()));
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** A TIMESTAMP parameter's text: UTC, as the planner's parameters take it. */
    private static String timestamp(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static JunctionException invalid(String message) {
        return new JunctionException(ErrorCode.INVALID_REQUEST, message);
    }

    /** The SQL a structured query becomes, with its parameter values in order. */
    public record MetricSql(String sql, List<Object> parameters) {
        public MetricSql {
            Objects.requireNonNull(sql, "sql");
            parameters = List.copyOf(parameters);
        }
    }
}
