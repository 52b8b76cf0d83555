package dev.junction.ingest;

import java.util.Locale;
import java.util.Optional;

/** The kinds of metric events, as the seed format names them; they decide how a metric's values combine. */
public enum MetricType {
    COUNT,
    SUM,
    AVERAGE,
    MIN,
    MAX,
    PERCENTILE,
    RATE,
    UNIQUE;

    /** The type named {@code count}, {@code sum}, …, in any case. */
    public static Optional<MetricType> parse(String name) {
        for (MetricType type : values()) {
            if (type.name().equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
