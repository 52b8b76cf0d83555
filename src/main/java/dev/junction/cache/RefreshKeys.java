package dev.junction.cache;

import dev.junction.spi.Connector;
import dev.junction.spi.Connectors;
import dev.junction.spi.SqlEngine;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tables that change outside Junction, declared in their connector file as {@code cache.refresh.<table>=<query>}:
 * before a query over such a table is looked up in the cache, the table's query runs (at most once every
 * {@code junction.cache.refresh-interval} per gateway); when its answer differs from the last one any gateway
 * recorded in Ignite, the table's data version is bumped, so the cached answers over it are not read again.
 */
@Singleton
public class RefreshKeys {
    private static final Logger LOG = Logger.getLogger(RefreshKeys.class);
    private static final String LAST_ANSWER = "refresh:";

    /**
     * One table's refresh key.
     *
     * @param table the physical table, as plans name it ({@code connector.path.table})
     * @param engine the connector that runs the query
     * @param query the query whose answer changes when the table does
     */
    record RefreshKey(String table, SqlEngine engine, String query) {
        RefreshKey {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(query, "query");
        }
    }

    private final Map<String, RefreshKey> keys;
    private final IgniteCacheStore store;
    private final DataVersions versions;
    private final long intervalNanos;
    private final Map<String, Long> checkedAtNanos = new ConcurrentHashMap<>();

    public RefreshKeys(Connectors connectors, IgniteCacheStore store, DataVersions versions, CacheConfig config) {
        Map<String, RefreshKey> declared = new HashMap<>();
        for (Connector connector : connectors.all()) {
            String name = connector.definition().name();
            connector.definition().refreshKeys().forEach((path, query) -> connector.sql().ifPresent(engine ->
                    declared.put(name + "." + path, new RefreshKey(name + "." + path, engine, query))));
        }
        this.keys = Map.copyOf(declared);
        this.store = store;
        this.versions = versions;
        this.intervalNanos = config.refreshInterval().toNanos();
    }

    /** The tables that have a refresh key. */
    public Set<String> tables() {
        return keys.keySet();
    }

    /**
     * Runs the refresh key of each of these tables that has one and was not checked within the interval, and
     * bumps the version of those whose answer changed. A refresh query that fails is logged and retried at the
     * next interval: the cached answers stay as they are until then.
     *
     * @throws CacheUnavailableException when Ignite does not answer
     */
    void check(Set<String> tables) {
        for (String table : tables) {
            RefreshKey key = keys.get(table);
            if (key != null && due(table)) {
                check(key);
            }
        }
    }

    private boolean due(String table) {
        long now = System.nanoTime();
        boolean[] due = new boolean[1];
        checkedAtNanos.compute(table, (name, last) -> {
            due[0] = last == null || now - last >= intervalNanos;
            return due[0] ? now : last;
        });
        return due[0];
    }

    private void check(RefreshKey key) {
        String answer;
        try {
            answer = answer(key);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The refresh key of table '%s' failed (%s): %s", key.table(), key.query(), e.getMessage());
            return;
        }
        String stateKey = LAST_ANSWER + key.table();
        boolean changed = store.call(caches -> {
            Object last = caches.entries().get(stateKey);
            if (answer.equals(last)) {
                return false;
            }
            // Only the gateway whose write wins bumps: one change, one new version.
            return last == null ? caches.entries().putIfAbsent(stateKey, answer)
                    : caches.entries().replace(stateKey, last, answer);
        });
        if (changed) {
            long version = versions.increment(key.table());
            LOG.debugf("Table '%s' changed outside Junction (refresh key %s): data version %d", key.table(),
                    answer, version);
        }
    }

    private static String answer(RefreshKey key) throws SQLException {
        try (Connection connection = key.engine().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(key.query())) {
            StringJoiner answer = new StringJoiner("|");
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    answer.add(String.valueOf(rows.getObject(i)));
                }
                answer.add(";");
            }
            return answer.toString();
        }
    }
}
