package dev.junction.sql.hybrid;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.HotTable;
import dev.junction.ingest.IngestConfig;
import dev.junction.ingest.handoff.HandoffState;
import dev.junction.ingest.handoff.HandoffStates;
import dev.junction.spi.Connector;
import dev.junction.spi.Connectors;
import dev.junction.spi.EngineRole;
import dev.junction.spi.SqlEngine;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hybrid table of the ingest path ({@code junction.ingest.table}, docs/metrics.md): which engines hold its
 * tiers (the connectors with the {@code timeseries} and {@code hot} roles), the handoff state it splits at, and
 * the physical tables behind it, which may not exist yet (the hot table is created here; the cold datasource
 * appears with the first handoff).
 */
@Singleton
public class HybridTables {
    private static final Logger LOG = Logger.getLogger(HybridTables.class);
    /** How often planning may ask Druid whether a missing cold datasource has appeared. */
    private static final Duration COLD_RECHECK = Duration.ofSeconds(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final IngestConfig config;
    private final HandoffStates states;
    private final Optional<HybridDefinition> definition;
    private final Instant initialWatermark;
    private final AtomicLong coldCheckedAtNanos = new AtomicLong(System.nanoTime() - COLD_RECHECK.toNanos());
    private volatile boolean hotCreated;

    public HybridTables(IngestConfig config, HandoffStates states, Connectors connectors) {
        this.config = config;
        this.states = states;
        this.initialWatermark = ChunkClock.of(config).start(Instant.now());
        Optional<Connector> cold = withRole(connectors, EngineRole.TIMESERIES);
        Optional<Connector> hot = withRole(connectors, EngineRole.HOT);
        this.definition = config.enabled() && cold.isPresent() && hot.isPresent()
                ? Optional.of(HybridDefinition.of(config, cold.get().definition().name(), hot.get(), cold.get()))
                : Optional.empty();
        definition.ifPresent(table -> createHotTable());
    }

    /** The hybrid table, when ingest is enabled and engines with both roles are configured. */
    public Optional<HybridDefinition> definition() {
        return definition;
    }

    /** The state queries split at now (at most a second old). */
    HandoffState state() {
        return states.current(config.table(), initialWatermark);
    }

    /** Whether a statement planned with this read still splits where queries split now. */
    public boolean isCurrent(HybridRead read) {
        HandoffState now = state();
        return now.watermark().equals(read.watermark()) && now.seq() == read.sequence();
    }

    /**
     * Fails a statement planned with {@code read} whose hot-tier rows were read until {@code hotReadUntil} when a
     * handoff after the read's may have evicted some of them first: a handoff's hot rows leave the table
     * {@code junction.ingest.eviction-delay} after its state was stored (docs/metrics.md, "Handoff"), so a statement
     * that read the hot tier longer than that after a handoff may have missed rows. Watermark moves over empty chunks
     * (same sequence) evict none of the rows the statement counts.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE, to be run again
     */
    public void requireHotRowsRead(HybridRead read, Instant hotReadUntil) {
        HandoffState now = state();
        if (!hotRowsWereThere(read, now, config.evictionDelay(), hotReadUntil)) {
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "The query read the hot tier of " + read.table()
                    + " as of handoff " + read.sequence() + " until " + hotReadUntil + ", but handoff " + now.seq()
                    + " (stored " + now.updatedAt() + ") evicts hot rows " + config.evictionDelay().toSeconds()
                    + " s after it is stored (junction.ingest.eviction-delay): the answer may miss rows; run it again");
        }
    }

    /** Whether no handoff after {@code read}'s can have evicted hot rows before {@code hotReadUntil}. */
    static boolean hotRowsWereThere(HybridRead read, HandoffState now, Duration evictionDelay, Instant hotReadUntil) {
        if (now.seq() == read.sequence()) {
            return true;
        }
        // The state read may be a little old: a handoff that new is not evicted for yet either. Two handoffs since
        // the read: the first one's time is unknown.
        Instant evictable = now.updatedAt().plus(evictionDelay).minus(HandoffStates.MAX_AGE);
        return now.seq() == read.sequence() + 1 && hotReadUntil.isBefore(evictable);
    }

    /** The name of the hot tier's engine, as fragments name it. */
    public String hotEngine() {
        return config.hotConnector();
    }

    /**
     * Creates the hot table if it is missing (idempotent); false when Ignite could not be reached, and the next
     * plan tries again.
     */
    public boolean createHotTable() {
        if (hotCreated) {
            return true;
        }
        HybridDefinition table = definition.orElseThrow();
        try (Connection connection = table.hotEngine().connect()) {
            HotTable.of(config).create(connection);
            hotCreated = true;
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The hot table %s could not be created yet: %s", config.hotTable(), e.getMessage());
        }
        return hotCreated;
    }

    /**
     * Whether the cold datasource exists in Druid now; asks Druid at most once a second, and answers false in
     * between.
     */
    boolean coldAppeared() {
        long now = System.nanoTime();
        long last = coldCheckedAtNanos.get();
        if (now - last < COLD_RECHECK.toNanos() || !coldCheckedAtNanos.compareAndSet(last, now)) {
            return false;
        }
        HybridDefinition table = definition.orElseThrow();
        try (Connection connection = table.coldEngine().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?")) {
            statement.setString(1, config.coldDatasource());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Could not ask Druid for datasource %s: %s", config.coldDatasource(), e.getMessage());
            return false;
        }
    }

    /** Whether a tier's engine answers a probe now. */
    boolean available(String connector) {
        HybridDefinition table = definition.orElseThrow();
        Connector tier = table.cold().definition().name().equals(connector) ? table.cold() : table.hot();
        return tier.probe(PROBE_TIMEOUT).up();
    }

    private static Optional<Connector> withRole(Connectors connectors, EngineRole role) {
        List<Connector> found = connectors.all().stream()
                .filter(connector -> connector.definition().roles().contains(role) && connector.sql().isPresent())
                .toList();
        return found.stream().findFirst();
    }
}
