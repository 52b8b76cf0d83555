package dev.junction.cache;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.catalog.Catalog;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The data version of every physical table, kept in Ignite so that every gateway replica sees the same ones:
 * ingestion, handoff and external refresh keys {@link #bump} a table when its rows change, and every cached
 * answer is stamped with the versions of the tables its plan reads. A logical table's rows are its physical
 * table's, so its plans read, and its answers carry, the physical table's version; bumping a logical table
 * bumps its physical table.
 *
 * <p>A table's first version is a random number, written the first time any gateway asks: a version entry that
 * Ignite lost (a restarted node, an eviction) comes back as another random number, never as one an old answer
 * was stamped with.
 */
@Singleton
public class DataVersions {
    private static final String PREFIX = "version:";

    private final IgniteCacheStore store;
    private final Catalog catalog;

    public DataVersions(IgniteCacheStore store, Catalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** The Ignite key of a table's version. */
    static String key(String table) {
        return PREFIX + table;
    }

    /** The table whose version an Ignite key holds; empty for other keys (answers, refresh keys). */
    static Optional<String> table(String key) {
        return key.startsWith(PREFIX) ? Optional.of(key.substring(PREFIX.length())) : Optional.empty();
    }

    /**
     * The tables' versions from entries already read (by the {@code getAll} that read an answer too); tables
     * without a version yet get their first one.
     *
     * @throws CacheUnavailableException when Ignite does not answer
     */
    Map<String, Long> from(Map<String, Object> entries, Set<String> tables) {
        Map<String, Long> versions = new HashMap<>();
        for (String table : tables) {
            Object version = entries.get(key(table));
            versions.put(table, version == null ? first(table) : Long.parseLong(version.toString()));
        }
        return versions;
    }

    /**
     * The tables' versions now.
     *
     * @throws CacheUnavailableException when Ignite does not answer
     */
    Map<String, Long> versions(Set<String> tables) {
        Set<String> keys = new LinkedHashSet<>();
        tables.forEach(table -> keys.add(key(table)));
        return from(store.call(caches -> caches.entries().getAll(keys)), tables);
    }

    /**
     * The table's version now.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when Ignite does not answer
     */
    public long version(String table) {
        try {
            // A logical table's version is its (first) physical table's, the one bump() returns.
            List<String> physical = catalog.physicalTables(table);
            String versioned = physical.isEmpty() ? table : physical.get(0);
            return versions(Set.of(versioned)).get(versioned);
        } catch (CacheUnavailableException e) {
            throw unavailable(table, e);
        }
    }

    /**
     * Moves the table to its next version, so that no answer cached before is read again; safe from any number
     * of gateways at once (compare-and-set).
     *
     * @param table a physical table as plans name it, {@code connector.path.table} (e.g. {@code druid.orders}), or
     *     a logical one, {@code schema.table} (e.g. {@code tpch.orders}), which bumps its physical table (every
     *     replica's, when it has several)
     * @return the new version (of the first replica's table, for a replicated logical table)
     * @throws JunctionException ENGINE_UNAVAILABLE when Ignite does not answer
     */
    public long bump(String table) {
        try {
            List<String> physical = catalog.physicalTables(table);
            if (physical.isEmpty()) {
                return increment(table);
            }
            long first = increment(physical.get(0));
            physical.subList(1, physical.size()).forEach(this::increment);
            return first;
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
        return store.call(caches -> {
            while (true) {
                Object old = caches.entries().get(key(table));
                long current = old == null ? first(table) : Long.parseLong(old.toString());
                if (caches.entries().replace(key(table), Long.toString(current), Long.toString(current + 1))) {
                    store.near().bumped(table, current + 1);
                    return current + 1;
                }
            }
        });
    }

    /** Writes a random first version unless a gateway was first; returns the table's version. */
    private long first(String table) {
        String candidate = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2));
        return store.call(caches -> {
            if (caches.entries().putIfAbsent(key(table), candidate)) {
                return Long.parseLong(candidate);
            }
            return Long.parseLong(caches.entries().get(key(table)).toString());
        });
    }

    private static JunctionException unavailable(String table, CacheUnavailableException e) {
        return new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                "The data version of table '" + table + "' is out of reach: " + e.getMessage(), e);
    }
}
