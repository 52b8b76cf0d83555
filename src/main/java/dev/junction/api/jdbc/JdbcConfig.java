package dev.junction.api.jdbc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the JDBC endpoint under {@code junction.jdbc.*}. */
@ConfigMapping(prefix = "junction.jdbc")
public interface JdbcConfig {
    /**
     * How long a connection or statement may go unused before the gateway closes it, stopping its query: a client
     * that vanished without closing must not hold engine work or memory.
     */
    @WithDefault("10m")
    Duration idleTimeout();

    /** The most rows one frame holds when the client asks for more (or names no fetch size). */
    @WithDefault("1000")
    int maxFrameRows();
}
