package dev.junction.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How much query history Junction keeps, under {@code junction.history.*}. */
@ConfigMapping(prefix = "junction.history")
public interface HistoryConfig {
    /** Queries older than this are removed. */
    @WithDefault("7d")
    Duration retention();

    /** At most this many queries are kept, the newest. */
    @WithDefault("10000")
    int maxQueries();
}
