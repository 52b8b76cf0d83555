package dev.junction.cache;

import dev.junction.connector.ignite.IgniteStartup;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.jboss.logging.Logger;

import javax.cache.expiry.CreatedExpiryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The gateway's connection to the Ignite node that holds answers and data versions, through the thin client.
 * An operation that fails marks the store down: from then on operations fail at once (the cache is bypassed)
 * while a background thread connects again every {@code junction.cache.retry-interval}.
 */
@Startup
@Singleton
public class IgniteCacheStore {
    private static final Logger LOG = Logger.getLogger(IgniteCacheStore.class);

    /**
     * The Ignite cache of one connection: answers (byte[]) under their entry key, and each table's data version
     * and last refresh key answer (String) under {@code version:<table>} and {@code refresh:<table>}, so that one
     * {@code getAll} reads an answer and the versions it depends on.
     */
    record Caches(IgniteClient client, ClientCache<String, Object> entries) {
        /** The cache with entries that expire this long after they were written; zero: kept. */
        ClientCache<String, Object> expiringAfter(Duration ttl) {
            return ttl.isZero() ? entries : entries.withExpirePolicy(
                    new CreatedExpiryPolicy(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttl.toMillis())));
        }
    }

    private final CacheConfig config;
    private final NearCopy near;
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .daemon().name("junction-cache-reconnect").factory());
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile Caches current;
    private volatile String problem = "not connected yet";
    private volatile Instant downSince = Instant.now();

    public IgniteCacheStore(CacheConfig config) {
        this.config = config;
        this.near = new NearCopy(config.nearSize().asLongValue());
        if (config.enabled()) {
            connect();
            if (current == null) {
                // A node slow to answer at startup is tried again in the background, not at the first query.
                reconnectLater();
            }
        } else {
            problem = "disabled (junction.cache.enabled=false)";
        }
    }

    /**
     * Runs one operation on the caches.
     *
     * @throws CacheUnavailableException when the store is down or the operation fails (which marks it down)
     */
    <T> T call(Function<Caches, T> operation) {
        Caches caches = current;
        if (caches == null) {
            reconnectLater();
            throw new CacheUnavailableException("Ignite cache is down: " + problem, null);
        }
        try {
            return operation.apply(caches);
        } catch (RuntimeException e) {
            markDown(caches, e);
            throw new CacheUnavailableException("Ignite cache operation failed: " + e.getMessage(), e);
        }
    }

    /** This gateway's copy of answers and versions: live only while the connection is. */
    NearCopy near() {
        return near;
    }

    /** Whether the last operation (or connection attempt) succeeded. */
    public boolean up() {
        return current != null;
    }

    /** Why the store is down, while it is. */
    public Optional<String> problem() {
        return up() ? Optional.empty() : Optional.of(problem);
    }

    /** Since when the store is down, while it is. */
    public Optional<Instant> downSince() {
        return up() ? Optional.empty() : Optional.of(downSince);
    }

    public String address() {
        return config.igniteAddress();
    }

    private void reconnectLater() {
        if (!config.enabled() || !connecting.compareAndSet(false, true)) {
            return;
        }
        reconnector.execute(() -> {
            try {
                long waitNanos = config.retryInterval().toNanos()
                        - Duration.between(downSince, Instant.now()).toNanos();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
                if (current == null) {
                    connect();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connecting.set(false);
            }
        });
    }

    private synchronized void connect() {
        IgniteClient client = null;
        try {
            // Creating a cache is a cluster-wide exchange that outlasts a short operation timeout: it is done once,
            // by a client with the connect timeout; queries then use one with the operation timeout.
            try (IgniteClient setup = Ignition.startClient(clientConfiguration(config.connectTimeout()))) {
                IgniteStartup.awaitSettled(setup);
                setup.getOrCreateCache(new ClientCacheConfiguration()
                        .setName(config.resultCache()).setCacheMode(CacheMode.PARTITIONED)
                        .setAtomicityMode(CacheAtomicityMode.ATOMIC).setBackups(0).setStatisticsEnabled(true));
            }
            client = Ignition.startClient(clientConfiguration(config.operationTimeout()));
            ClientCache<String, Object> entries = client.cache(config.resultCache());
            // The copy is empty and unused while there is no connection; the continuous query (ended by closing
            // the client) makes it live.
            boolean nearCopy = config.nearSize().asLongValue() > 0;
            if (nearCopy) {
                reportVersions(entries);
            }
            current = new Caches(client, entries);
            near.reset(nearCopy);
            LOG.infof("Result cache connected to Ignite at %s", config.igniteAddress());
        } catch (RuntimeException e) {
            closeQuietly(client);
            problem = "Ignite at " + config.igniteAddress() + " does not answer: " + e.getMessage();
            downSince = Instant.now();
            LOG.warnf("Result cache bypassed: %s", problem);
        }
    }

    /**
     * A continuous query that reports every data version written in Ignite to the near copy; when the connection
     * it runs on ends, the store counts as down (and the copy is emptied).
     */
    private void reportVersions(ClientCache<String, Object> entries) {
        ContinuousQuery<String, Object> reports = new ContinuousQuery<>();
        reports.setLocalListener(events -> events.forEach(event -> DataVersions.table(event.getKey()).ifPresent(
                table -> near.reported(table, switch (event.getEventType()) {
                    case CREATED, UPDATED -> Long.valueOf(event.getValue().toString());
                    case REMOVED, EXPIRED -> null;
                }))));
        entries.query(reports, cause -> {
            near.reset(false);
            Caches caches = current;
            if (caches != null && caches.entries() == entries) {
                // Not on the client's own thread, which closing the client waits for.
                Thread.ofVirtual().name("junction-cache-disconnect").start(() -> markDown(caches,
                        new IllegalStateException("the connection ended"
                                + (cause == null ? "" : ": " + cause.getMessage()), cause)));
            }
        });
    }

    private ClientConfiguration clientConfiguration(Duration timeout) {
        return new ClientConfiguration()
                .setAddresses(config.igniteAddress())
                .setTimeout((int) Math.max(1, timeout.toMillis()))
                .setPartitionAwarenessEnabled(false)
                .setClusterDiscoveryEnabled(false)
                // The store reconnects itself; the client's own retries would only delay the bypass.
                .setReconnectThrottlingRetries(0);
    }

    private synchronized void markDown(Caches caches, RuntimeException cause) {
        if (current != caches) {
            return;
        }
        current = null;
        near.reset(false);
        problem = "Ignite at " + config.igniteAddress() + " failed: " + cause.getMessage();
        downSince = Instant.now();
        LOG.warnf("Result cache bypassed until Ignite answers again: %s", problem);
        closeQuietly(caches.client());
        reconnectLater();
    }

    private static void closeQuietly(IgniteClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing the Ignite client failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        reconnector.shutdownNow();
        Caches caches = current;
        current = null;
        near.reset(false);
        if (caches != null) {
            closeQuietly(caches.client());
        }
    }
}
