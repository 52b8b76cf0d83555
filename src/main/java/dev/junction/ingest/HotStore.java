package dev.junction.ingest;

import dev.junction.cache.CacheConfig;
import dev.junction.cache.DataVersions;
import dev.junction.connector.ignite.IgniteStartup;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hot tier's writer: puts valid metric events into the Ignite SQL table of {@code junction.ingest.hot-table}
 * (docs/metrics.md, "Rows"), one {@code putAll} per batch keyed by event id, so that a replayed event overwrites
 * itself. Events whose chunk has closed take the late path (docs/metrics.md, "Late events"): written with
 * {@code LATE = true} unless their id is in the hot table already. After every write the hybrid table's data
 * version moves, so that no cached answer from before it is read again.
 *
 * <p>It connects on first use and whenever a write failed, and runs the table's (idempotent) DDL each time it
 * connects, because Ignite keeps the table in memory only. A write that fails throws: the consumer then leaves
 * the batch unacknowledged and Pulsar delivers it again, so nothing accepted is lost.
 */
@Singleton
public class HotStore {
    private static final Logger LOG = Logger.getLogger(HotStore.class);

    /** What one write did: rows written on time, late rows written, and late events dropped as replays. */
    public record Written(int onTime, int late, int lateReplays) {
    }

    private final HotTable table;
    private final HotRows rows;
    private final ChunkClock chunks;
    private final String address;
    private final Duration timeout;
    private final Runnable afterWrite;
    private final Clock clock;
    private final RegionRoom room;
    private volatile IgniteClient client;
    private volatile String problem = "not connected yet";

    @Inject
    HotStore(IngestConfig config, CacheConfig cache, DataVersions versions) {
        this(HotTable.of(config), ChunkClock.of(config), config.igniteAddress(), config.writeTimeout(),
                // Without the result cache there is no cached answer to invalidate (and no Ignite entry to bump).
                cache.enabled() ? () -> versions.bump(config.table()) : () -> { }, Clock.systemUTC(),
                new RegionRoom(config.hotStoreFillLimit()));
    }

    /**
     * @param afterWrite run after every successful write (bumps the hybrid table's data version); when it throws,
     *     the write counts as failed and is repeated with the batch (rewriting the same rows changes nothing)
     */
    public HotStore(HotTable table, ChunkClock chunks, String address, Duration timeout, Runnable afterWrite,
            Clock clock) {
        this(table, chunks, address, timeout, afterWrite, clock, new RegionRoom(RegionRoom.DEFAULT_LIMIT));
    }

    private HotStore(HotTable table, ChunkClock chunks, String address, Duration timeout, Runnable afterWrite,
            Clock clock, RegionRoom room) {
        this.room = room;
        this.table = table;
        this.rows = new HotRows(table);
        this.chunks = chunks;
        this.address = address;
        this.timeout = timeout;
        this.afterWrite = afterWrite;
        this.clock = clock;
    }

    /**
     * Writes the events; returns once Ignite has them all.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when Ignite does not take them, or its data region is too full
     *     (nothing is acknowledged then)
     */
    public Written write(List<MetricEvent> events) {
        if (events.isEmpty()) {
            return new Written(0, 0, 0);
        }
        IgniteClient ignite = connected();
        Written written;
        try {
            room.check(ignite, events.size());
            ClientCache<String, BinaryObject> cache = ignite.<String, BinaryObject>cache(table.cacheName())
                    .withKeepBinary();
            Instant now = clock.instant();
            Map<String, BinaryObject> batch = new LinkedHashMap<>();
            Map<String, MetricEvent> late = new LinkedHashMap<>();
            for (MetricEvent event : events) {
                if (chunks.late(event.timestamp(), now)) {
                    late.put(event.id(), event);
                } else {
                    batch.put(event.id(), rows.row(ignite.binary(), event, false, null));
                }
            }
            int lateWritten = 0;
            if (!late.isEmpty()) {
                // A late event whose id the hot table has is a replay; the handoff drops those Druid already has.
                Set<String> known = cache.getAll(new LinkedHashSet<>(late.keySet())).keySet();
                Long lateSeq = refilling(ignite) ? HotTable.UNVERIFIED : null;
                for (MetricEvent event : late.values()) {
                    if (!known.contains(event.id()) && !batch.containsKey(event.id())) {
                        batch.put(event.id(), rows.row(ignite.binary(), event, true, lateSeq));
                        lateWritten++;
                    }
                }
            }
            cache.putAll(batch);
            written = new Written(batch.size() - lateWritten, lateWritten, late.size() - lateWritten);
        } catch (JunctionException e) {
            // The region is full: the connection is fine.
            throw e;
        } catch (RuntimeException e) {
            markDown(ignite, e);
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "The hot store (Ignite at " + address
                    + ") did not take " + events.size() + " metric events: " + e.getMessage(), e);
        }
        afterWrite.run();
        return written;
    }

    /**
     * Whether the hot table may be being refilled from Pulsar after Ignite lost it (docs/metrics.md, "Ignite
     * restarts"): its replay mark is missing or not done. Late events written then may be replays of events Druid
     * holds; they are written {@link HotTable#UNVERIFIED}, hidden until a late handoff checked them.
     */
    private boolean refilling(IgniteClient ignite) {
        try {
            ClientCache<String, BinaryObject> marks = ignite.<String, BinaryObject>cache(table.replayCacheName())
                    .withKeepBinary();
            BinaryObject mark = marks.get(HotTable.REPLAY_ROW);
            return mark == null || !Boolean.TRUE.equals(mark.field("DONE"));
        } catch (ClientException e) {
            // No mark table yet: Ignite is new or restarted, and no handoff round has marked it.
            return true;
        }
    }

    /**
     * Connects now unless connected (and creates the table when it is missing).
     *
     * @return whether the store is connected
     */
    public boolean connect() {
        try {
            connected();
            return true;
        } catch (JunctionException e) {
            return false;
        }
    }

    /** Whether the last connection attempt or write succeeded. */
    public boolean up() {
        return client != null;
    }

    /** Why the store is down, while it is. */
    public Optional<String> problem() {
        return up() ? Optional.empty() : Optional.of(problem);
    }

    public String address() {
        return address;
    }

    public HotTable table() {
        return table;
    }

    private synchronized IgniteClient connected() {
        IgniteClient current = client;
        if (current != null) {
            return current;
        }
        IgniteClient started = null;
        try {
            started = Ignition.startClient(new ClientConfiguration().setAddresses(address)
                    .setTimeout((int) Math.max(1, timeout.toMillis()))
                    .setPartitionAwarenessEnabled(false)
                    .setClusterDiscoveryEnabled(false)
                    // A failed write already makes the batch come again; the client's own retries only delay that.
                    .setReconnectThrottlingRetries(0));
            IgniteStartup.awaitSettled(started);
            for (String statement : table.ddl()) {
                started.query(new SqlFieldsQuery(statement).setSchema("PUBLIC")).getAll();
            }
            client = started;
            LOG.infof("Hot store connected to Ignite at %s, table %s", address, table.qualifiedName());
            return started;
        } catch (RuntimeException e) {
            close(started);
            problem = "Ignite at " + address + " does not answer: " + e.getMessage();
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "The hot store is out of reach: " + problem, e);
        }
    }

    private synchronized void markDown(IgniteClient failed, RuntimeException cause) {
        if (client == failed) {
            client = null;
            problem = "Ignite at " + address + " failed: " + cause.getMessage();
            LOG.warnf("Hot store write failed; the batch will be delivered again: %s", problem);
            close(failed);
        }
    }

    private static void close(IgniteClient ignite) {
        if (ignite == null) {
            return;
        }
        try {
            ignite.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing the hot store's Ignite client failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        IgniteClient current = client;
        client = null;
        close(current);
    }
}
