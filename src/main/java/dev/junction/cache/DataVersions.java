package dev.junction.cache;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The data version of every physical table, kept in Ignite so that every gateway replica sees the same ones:
 * ingestion, handoff and external refresh keys {@link #bump} a table when its rows change, and each cache key
 * holds the versions of the tables its plan reads. A logical table's rows are its physical table's, so its plans
 * read, and its keys hold, the physical table's version. A table never bumped has version 0.
 */
@Singleton
public class DataVersions {
    private static final String VERSION = "version:";

    private final IgniteCacheStore store;

    public DataVersions(IgniteCacheStore store) {
        this.store = store;
    }

    /**
     * Each table's version.
     *
     * @throws CacheUnavailableException when Ignite does not answer
     */
    Map<String, Long> versions(Set<String> tables) {
        Set<String> keys = new LinkedHashSet<>();
        tables.forEach(table -> keys.add(VERSION + table));
        Map<String, String> stored = store.call(caches -> caches.versions().getAll(keys));
        Map<String, Long> versions = new HashMap<>();
        for (String table : tables) {
            String version = stored.get(VERSION + table);
            versions.put(table, version == null ? 0L : Long.parseLong(version));
        }
        return versions;
    }

    /**
     * The table's version now.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when Ignite does not answer
     */
    public long version(String table) {
        try {
            return versions(Set.of(table)).get(table);
        } catch (CacheUnavailableException e) {
            throw unavailable(table, e);
        }
    }

    /**
     * Moves the table to a new version, so that no answer cached before is read again; safe from any number of
     * gateways at once (compare-and-set).
     *
     * @param table the physical table as the catalog names it: {@code connector.path.table}, e.g. {@code druid.orders}
     * @return the new version
     * @throws JunctionException ENGINE_UNAVAILABLE when Ignite does not answer
     */
    public long bump(String table) {
        try {
            return increment(table);
        } catch (CacheUnavailableException e) {
            throw unavailable(table, e);
        }
    }

    /**
     * {@link #bump}, for this package.
     *
     * @throws CacheUnavailableException when Ignite does not answer
     */
    long increment(String table) {
        String key = VERSION + table;
        return store.call(caches -> {
            while (true) {
                String old = caches.versions().get(key);
                if (old == null) {
                    if (caches.versions().putIfAbsent(key, "1")) {
                        return 1L;
                    }
                } else {
                    long next = Long.parseLong(old) + 1;
                    if (caches.versions().replace(key, old, Long.toString(next))) {
                        return next;
                    }
                }
            }
        });
    }

    private static JunctionException unavailable(String table, CacheUnavailableException e) {
        return new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                "The data version of table '" + table + "' is out of reach: " + e.getMessage(), e);
    }
}
