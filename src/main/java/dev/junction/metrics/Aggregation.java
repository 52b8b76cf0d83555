package dev.junction.metrics;

import java.util.Locale;
import java.util.Optional;

/**
 * How a structured query combines the values of a metric in each group and bucket: the names the seed format
 * uses ({@code avg}, {@code p95}, …) and the SQL each becomes over the {@code value} column. Percentiles and
 * distinct counts are sketch-based approximations (docs/metrics.md, "Hybrid queries").
 */
public enum Aggregation {
    AVG("AVG(\"value\")"),
    SUM("SUM(\"value\")"),
    COUNT("COUNT(*)"),
    MIN("MIN(\"value\")"),
    MAX("MAX(\"value\")"),
    P50("APPROX_QUANTILE(\"value\", 0.5)"),
    P90("APPROX_QUANTILE(\"value\", 0.9)"),
    P95("APPROX_QUANTILE(\"value\", 0.95)"),
    P99("APPROX_QUANTILE(\"value\", 0.99)"),
    DISTINCT("APPROX_COUNT_DISTINCT(\"value\")");

    private final String sql;

    Aggregation(String sql) {
        this.sql = sql;
    }

    /** The SQL expression over the {@code value} column. */
    public String sql() {
        return sql;
    }

    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The aggregation named so in any case; {@code average} and {@code mean} are {@code avg}. */
    public static Optional<Aggregation> parse(String name) {
        String value = name.strip().toUpperCase(Locale.ROOT);
        if (value.equals("AVERAGE") || value.equals("MEAN")) {
            return Optional.of(AVG);
        }
        for (Aggregation aggregation : values()) {
            if (aggregation.name().equals(value)) {
                return Optional.of(aggregation);
            }
        }
        return Optional.empty();
    }

    /** The names accepted, for error messages. */
    public static String names() {
        StringBuilder names = new StringBuilder();
        for (Aggregation aggregation : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(aggregation.externalName());
        }
        return names.toString();
    }
}
