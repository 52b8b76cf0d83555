package dev.junction.ingest;

import java.time.Duration;

/**
 * What a metric event may be: how far its timestamp may lie in the future or the past, and how many and how long
 * its tags and name may be.
 */
public record MetricLimits(Duration maxFuture, Duration maxAge, int maxTags, int maxTagKeyLength,
        int maxTagValueLength, int maxNameLength, String defaultTenant) {

    /** The limits configured under {@code junction.ingest.*}. */
    public static MetricLimits of(IngestConfig config) {
        return new MetricLimits(config.maxFuture(), config.maxAge(), config.maxTags(), config.maxTagKeyLength(),
                config.maxTagValueLength(), config.maxNameLength(), config.defaultTenant());
    }
}
