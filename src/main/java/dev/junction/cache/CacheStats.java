package dev.junction.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.apache.ignite.cache.query.SqlFieldsQuery;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result cache's counters, for {@code GET /api/v1/cache/stats} and as Micrometer meters
 * ({@code junction_cache_*} at /q/metrics): this gateway's hits, misses, bypasses and the bytes it stored, and
 * from Ignite the entries held and the evictions (entries Ignite dropped for lack of memory; expired entries are
 * not evictions).
 */
@Singleton
public class CacheStats {
    private final IgniteCacheStore store;
    private final CacheConfig config;
    private final Counter hits;
    private final Counter nearHits;
    private final Counter misses;
    private final Counter bypasses;
    private final Counter stores;
    private final Counter tooLarge;
    private final Counter bytesWritten;

    public CacheStats(MeterRegistry registry, IgniteCacheStore store, CacheConfig config) {
        this.store = store;
        this.config = config;
        this.hits = Counter.builder("junction.cache.requests").tag("result", "hit")
                .description("Queries answered from the result cache").register(registry);
        this.nearHits = Counter.builder("junction.cache.near.hits")
                .description("Hits answered from this gateway's near copy, without a round trip to Ignite")
                .register(registry);
        this.misses = Counter.builder("junction.cache.requests").tag("result", "miss")
                .description("Queries answered by the engines and then cached").register(registry);
        this.bypasses = Counter.builder("junction.cache.requests").tag("result", "bypass")
                .description("Queries answered by the engines without the cache").register(registry);
        this.stores = Counter.builder("junction.cache.stores").description("Answers written to the cache")
                .register(registry);
        this.tooLarge = Counter.builder("junction.cache.too.large")
                .description("Answers not cached because they exceed junction.cache.max-result-size")
                .register(registry);
        this.bytesWritten = Counter.builder("junction.cache.written").baseUnit("bytes")
                .description("Bytes of encoded answers written to the cache").register(registry);
        Gauge.builder("junction.cache.entries", this, stats -> stats.entries().orElse(-1))
                .description("Entries in the Ignite result cache (-1 while Ignite does not answer)").register(registry);
        FunctionCounter.builder("junction.cache.evictions", this, stats -> stats.evictions().orElse(0))
                .description("Entries Ignite evicted from the result cache").register(registry);
        Gauge.builder("junction.cache.near.entries", store, s -> s.near().size())
                .description("Answers in this gateway's near copy").register(registry);
        Gauge.builder("junction.cache.up", store, s -> s.up() ? 1 : 0)
                .description("1 while the result cache's Ignite answers, 0 while queries bypass it").register(registry);
    }

    void recorded(CacheStatus status) {
        switch (status) {
            case HIT -> hits.increment();
            case MISS -> misses.increment();
            case BYPASS -> bypasses.increment();
        }
    }

    void nearHit() {
        nearHits.increment();
    }

    void stored(int bytes) {
        stores.increment();
        bytesWritten.increment(bytes);
    }

    void rejectedAsTooLarge() {
        tooLarge.increment();
    }

    /** Entries the Ignite cache holds now (answers and table versions), when Ignite answers. */
    public OptionalLong entries() {
        try {
            return OptionalLong.of(store.call(caches -> (long) caches.entries().size()));
        } catch (CacheUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    /** Ignite's count of entries evicted from the result cache, when Ignite answers. */
    public OptionalLong evictions() {
        String metric = "cache." + config.resultCache() + ".CacheEvictions";
        try {
            List<List<?>> rows = store.call(caches -> caches.client()
                    .query(new SqlFieldsQuery("SELECT VALUE FROM SYS.METRICS WHERE NAME = ?").setArgs(metric))
                    .getAll());
            return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(rows.get(0).get(0).toString()));
        } catch (CacheUnavailableException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The counters now.
     *
     * @param state up or down
     * @param address the Ignite node
     * @param problem why it is down
     * @param hits queries answered from the cache by this gateway
     * @param nearHits those of the hits answered from its near copy, without a round trip to Ignite
     * @param nearEntries answers in its near copy now
     * @param misses queries answered by the engines and cached
     * @param bypasses queries answered by the engines without the cache
     * @param stores answers written
     * @param tooLarge answers not written because they exceed the size limit
     * @param bytesWritten bytes of the answers written
     * @param entries entries in Ignite now
     * @param evictions entries Ignite evicted for lack of memory
     */
    public record Snapshot(String state, String address, Optional<String> problem, long hits, long nearHits,
            int nearEntries, long misses,
            long bypasses, long stores, long tooLarge, long bytesWritten, OptionalLong entries,
            OptionalLong evictions) {
    }

    public Snapshot snapshot() {
        return new Snapshot(store.up() ? "up" : "down", store.address(), store.problem(), (long) hits.count(),
                (long) nearHits.count(), store.near().size(), (long) misses.count(), (long) bypasses.count(),
                (long) stores.count(), (long) tooLarge.count(),
                (long) bytesWritten.count(), entries(), evictions());
    }
}
