package dev.junction.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The ingest path's settings under {@code junction.ingest.*}; every one has a working local default. */
@ConfigMapping(prefix = "junction.ingest")
public interface IngestConfig {
    /** How far past the gateway's clock an event's timestamp may be (clocks drift; a later one is a mistake). */
    @WithDefault("5m")
    Duration maxFuture();

    /** How old an event may be when it arrives; older ones are refused rather than stored in a closed chunk. */
    @WithDefault("7d")
    Duration maxAge();

    /** The most tags one event may carry. */
    @WithDefault("32")
    int maxTags();

    @WithDefault("64")
    int maxTagKeyLength();

    @WithDefault("256")
    int maxTagValueLength();

    @WithDefault("200")
    int maxNameLength();

    /** The tenant of events that name none. */
    @WithDefault("default")
    String defaultTenant();
}
