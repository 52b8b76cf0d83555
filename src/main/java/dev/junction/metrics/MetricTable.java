package dev.junction.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table the metric APIs read: one row per metric point, with a time column, a {@code name} and a {@code value}
 * column, and dimensions to group and filter by (the hybrid table {@code metrics.points}, or a Druid datasource
 * of the same shape such as the demo's {@code druid.metrics}).
 *
 * @param path the table's catalog path, e.g. {@code [metrics, points]}
 * @param timeColumn its time column ({@code ts}, or {@code __time} in Druid)
 * @param dimensions the columns a query may group and filter by
 */
public record MetricTable(List<String> path, String timeColumn, Set<String> dimensions) {
    public MetricTable {
        path = List.copyOf(path);
        Objects.requireNonNull(timeColumn, "timeColumn");
        dimensions = Set.copyOf(dimensions);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a table needs a path");
        }
    }

    /** The table's name as SQL writes it: {@code "metrics"."points"}. */
    public String sqlName() {
        StringBuilder name = new StringBuilder();
        for (String part : path) {
            name.append(name.isEmpty() ? "" : ".").append(quote(part));
        }
        return name.toString();
    }

    /** The dotted name users write: {@code metrics.points}. */
    public String displayName() {
        return String.join(".", path);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
