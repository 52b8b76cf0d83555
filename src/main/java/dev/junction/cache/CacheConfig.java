package dev.junction.cache;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The result cache's settings under {@code junction.cache.*}; every one has a working local default. */
@ConfigMapping(prefix = "junction.cache")
public interface CacheConfig {
    /** False turns the cache off: every query answers from the engines and says {@code bypass}. */
    @WithDefault("true")
    boolean enabled();

    /** The Ignite node (thin client protocol) that holds results and data versions, as {@code host:port}. */
    @WithDefault("127.0.0.1:10800")
    String igniteAddress();

    /** The Ignite cache that holds answers, and the data version of every table they read. */
    @WithDefault("junction_results")
    String resultCache();

    /** The deadline of one thin client operation; past it the cache counts as down and is bypassed. */
    @WithDefault("500ms")
    Duration operationTimeout();

    /** The deadline of connecting and of creating the caches when they do not exist yet. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** While Ignite does not answer, how often the gateway tries to connect again (in the background). */
    @WithDefault("5s")
    Duration retryInterval();

    /** Results whose encoded size is larger than this are not cached. */
    @WithDefault("1M")
    MemorySize maxResultSize();

    /**
     * Time to live by cache class; {@code 0s} keeps entries until Ignite evicts them or a data version moves.
     * The classes {@code realtime} and {@code batch} answer queries of those modes; other modes use
     * {@link #defaultClass()}.
     */
    Map<String, Duration> ttl();

    /** The class of queries whose mode names no class ({@code auto}, {@code cache}). */
    @WithDefault("dashboard")
    String defaultClass();

    /** How often, at most, a table's external refresh key (declared in its connector file) is queried. */
    @WithDefault("10s")
    Duration refreshInterval();

    /**
     * The budget of this gateway's near copy of answers (their encoded size): hits on answers it holds need no
     * round trip to Ignite. {@code 0} turns the copy off.
     */
    @WithDefault("32M")
    MemorySize nearSize();

    /** The tenant part of every key until requests carry one. */
    @WithDefault("default")
    String tenant();

    /** Mapping defaults for the TTL classes, used when application.properties sets none. */
    static Map<String, Duration> defaultTtls() {
        return Map.of("realtime", Duration.ofSeconds(30), "dashboard", Duration.ofSeconds(30),
                "batch", Duration.ofMinutes(5), "ml", Duration.ofMinutes(5), "anomaly", Duration.ZERO);
    }
}
