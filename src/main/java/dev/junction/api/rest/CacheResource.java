package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.cache.CacheStats;
import dev.junction.cache.CachedQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/cache/stats}: the result cache's state and counters. */
@Path("/api/v1/cache")
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {
    private final CacheStats stats;
    private final CachedQueries queries;

    public CacheResource(CacheStats stats, CachedQueries queries) {
        this.stats = stats;
        this.queries = queries;
    }

    /**
     * @param state up, or down while queries bypass the cache
     * @param ignite the Ignite node holding the cache
     * @param error why it is down
     * @param hits queries this gateway answered from the cache
     * @param nearHits those of the hits it answered from its near copy, without a round trip to Ignite
     * @param nearEntries answers in its near copy now
     * @param misses queries it answered from the engines and cached
     * @param bypasses queries it answered from the engines without the cache
     * @param stores answers it wrote to the cache
     * @param tooLarge answers it did not write because they exceed junction.cache.max-result-size
     * @param bytesWritten bytes of the answers it wrote
     * @param entries entries in the cache now (all gateways), null while Ignite does not answer
     * @param evictions entries Ignite evicted for lack of memory, null while Ignite does not answer
     * @param ttlSeconds each cache class's time to live (0: kept)
     */
    public record Stats(String state, String ignite, String error, long hits,
            @JsonProperty("near_hits") long nearHits, @JsonProperty("near_entries") int nearEntries, long misses,
            long bypasses, long stores,
            @JsonProperty("too_large") long tooLarge, @JsonProperty("bytes_written") long bytesWritten, Long entries,
            Long evictions, @JsonProperty("ttl_seconds") Map<String, Long> ttlSeconds) {
    }

    @GET
    @Path("/stats")
    public Stats stats() {
        CacheStats.Snapshot now = stats.snapshot();
        Map<String, Long> ttls = new LinkedHashMap<>();
        queries.classes().all().forEach((name, ttl) -> ttls.put(name, ttl.toSeconds()));
        return new Stats(now.state(), now.address(), now.problem().orElse(null), now.hits(),
                now.nearHits(), now.nearEntries(), now.misses(),
                now.bypasses(), now.stores(), now.tooLarge(), now.bytesWritten(),
                now.entries().isPresent() ? now.entries().getAsLong() : null,
                now.evictions().isPresent() ? now.evictions().getAsLong() : null, ttls);
    }
}
