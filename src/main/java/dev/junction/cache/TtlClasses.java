package dev.junction.cache;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.QueryMode;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache classes and their time to live: the built-in ones (realtime and dashboard 30 s, batch and ml 5 min,
 * anomaly kept) with what {@code junction.cache.ttl.<class>} sets or adds, and which class a query's mode uses.
 */
public final class TtlClasses {
    private final Map<String, Duration> ttls;
    private final String defaultClass;

    /** @throws JunctionException INVALID_CONFIGURATION for a negative TTL or a default class with no TTL */
    public TtlClasses(Map<String, Duration> configured, String defaultClass) {
        Map<String, Duration> merged = new TreeMap<>(CacheConfig.defaultTtls());
        merged.putAll(configured);
        merged.forEach((name, ttl) -> {
            if (ttl.isNegative()) {
                throw new JunctionException(ErrorCode.INVALID_CONFIGURATION,
                        "junction.cache.ttl." + name + " must not be negative, got " + ttl);
            }
        });
        if (!merged.containsKey(defaultClass)) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.cache.default-class names '"
                    + defaultClass + "', which has no junction.cache.ttl." + defaultClass + " (classes: "
                    + String.join(", ", merged.keySet()) + ")");
        }
        this.ttls = Map.copyOf(merged);
        this.defaultClass = defaultClass;
    }

    /** The class a query of this mode is cached under: realtime and batch by name, the others the default. */
    public String classOf(QueryMode mode) {
        return switch (mode) {
            case REALTIME -> ttls.containsKey("realtime") ? "realtime" : defaultClass;
            case BATCH -> ttls.containsKey("batch") ? "batch" : defaultClass;
            case AUTO, CACHE -> defaultClass;
        };
    }

    /** The class's time to live; zero means kept. */
    public Duration ttl(String cacheClass) {
        return ttls.getOrDefault(cacheClass, ttls.get(defaultClass));
    }

    /** Every class and its TTL, by name. */
    public Map<String, Duration> all() {
        return new TreeMap<>(ttls);
    }
}
