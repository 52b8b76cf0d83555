package dev.junction.ingest.handoff;

import dev.junction.cache.DataVersions;
import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.druid.DruidConnector;
import dev.junction.connector.ignite.IgniteConnector;
import dev.junction.connector.pulsar.PulsarConnector;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.HotTable;
import dev.junction.ingest.IngestConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the handoffs of the hybrid table {@code junction.ingest.table} in the background when ingest is enabled:
 * every {@code junction.ingest.handoff-interval}, the gateway holding the lease hands every closed chunk to Druid,
 * then the late rows, then evicts what Druid has held for the eviction delay (docs/metrics.md). A failing step
 * moves nothing and is repeated next round. While the hot table is refilled after Ignite lost it ({@link HotReplay}),
 * rounds hand nothing off.
 */
@Startup
@Singleton
public class Handoffs {
    private static final Logger LOG = Logger.getLogger(Handoffs.class);

    /** A state and when this gateway first saw it: its hot rows may go once the eviction delay has passed. */
    private record Reached(HandoffState state, Instant at) {
    }

    private final IngestConfig config;
    private final ChunkClock clock;
    private final String table;
    private final String owner;
    private final Instant initialWatermark;
    private final DruidTaskSpecs specs;
    private final HandoffFiles files;
    /** The gateway's URL as Druid reaches it: {@code junction.ingest.handoff-url}, else known once HTTP started. */
    private volatile Optional<String> url;
    private final HandoffStates states;
    private final HandoffLeases leases;
    private final ConnectorRegistry connectors;
    private final DataVersions versions;
    private final MeterRegistry registry;
    private final Counter failures;
    private final Counter rows;
    private final Deque<Reached> reached = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("junction-handoff").factory());
    private HandoffSteps steps;
    private HotReplay replay;
    private boolean tableReady;
    private volatile boolean suspended;
    private volatile HandoffStatus status;

    public Handoffs(IngestConfig config, HandoffStates states, HandoffLeases leases, ConnectorRegistry connectors,
            DataVersions versions, MeterRegistry registry) {
        this.config = config;
        this.clock = ChunkClock.of(config);
        this.table = config.table();
        this.states = states;
        this.leases = leases;
        this.connectors = connectors;
        this.versions = versions;
        this.registry = registry;
        this.specs = new DruidTaskSpecs(config.coldDatasource(), config.coldDatasource() + "_late", config.tagColumns(),
                config.chunk());
        this.url = config.handoffUrl().map(HandoffFiles::baseUrl);
        this.files = new HandoffFiles(Path.of(config.handoffDir()), () -> url,
                config.handoffTimeout().multipliedBy(2), HandoffFiles.ROWS_PER_FILE);
        this.initialWatermark = clock.start(Instant.now());
        this.owner = host() + "/" + UUID.randomUUID();
        this.failures = Counter.builder("junction.ingest.handoff.failures").tag("table", table)
                .description("Handoff rounds that failed and will be repeated").register(registry);
        this.rows = Counter.builder("junction.ingest.handoff.rows").tag("table", table)
                .description("Rows handed off to Druid").register(registry);
        this.status = new HandoffStatus(table, Optional.empty(), false, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty());
        if (config.enabled()) {
            long every = config.handoffInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::scheduledRound, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Learns the port HTTP listens on, for Druid to read the handoff files from, unless configured. */
    void httpStarted(@ObservesAsync HttpServerStart started) {
        if (url.isEmpty()) {
            String host = started.options().getHost();
            if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
                host = address();
            }
            url = Optional.of("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + started.options().getPort());
            LOG.infof("Druid reads handoff rows from %s (set junction.ingest.handoff-url if it cannot reach that)",
                    url.get());
        }
    }

    /**
     * The whole handoff file of this name ({@code GET /api/v1/metrics/handoff/files/{name}}), empty when it is not
     * there: its task ended, or it never was.
     */
    public Optional<Path> file(String name) {
        return files.file(name);
    }

    /** Where this gateway's handoffs write the rows their tasks read. */
    HandoffFiles files() {
        return files;
    }

    /** This gateway's view of the handoffs. */
    public HandoffStatus status() {
        return status;
    }

    /** The hybrid table whose chunks this gateway hands off. */
    public String table() {
        return table;
    }

    private void scheduledRound() {
        if (!suspended) {
            round();
        }
    }

    /**
     * One round: takes or renews the lease, does every handoff that is due, evicts. Never throws: a failure is
     * logged, counted and shown in {@link #status()}, and the next round starts over from the stored state.
     */
    synchronized void round() {
        Optional<HandoffState> state = status.state();
        Optional<Handoff> last = status.lastHandoff();
        boolean leader = false;
        try {
            HandoffSteps handoffSteps = steps();
            leader = leases.acquire(table, owner, Instant.now(), config.handoffLease());
            if (!leader) {
                state = Optional.of(states.current(table, initialWatermark));
                finish(state, false, last, Optional.empty());
                return;
            }
            HandoffState current = states.reload(table, initialWatermark);
            seen(current);
            state = Optional.of(current);
            if (!replay.settled(current, Instant.now())) {
                // The hot table is being refilled from Pulsar: a chunk handed off now could miss rows.
                finish(state, true, last, Optional.empty());
                return;
            }
            for (Optional<Handoff> next = handoffSteps.next(current, Instant.now()); next.isPresent();
                 next = handoffSteps.next(current, Instant.now())) {
                record(next.get());
                last = next;
                current = next.get().after();
                state = Optional.of(current);
                seen(current);
                if (!leases.acquire(table, owner, Instant.now(), config.handoffLease())) {
                    leader = false;
                    break;
                }
            }
            evict(handoffSteps);
            finish(state, leader, last, Optional.empty());
        } catch (Exception e) {
            failures.increment();
            if (e instanceof java.sql.SQLException) {
                tableReady = false;
            }
            LOG.warnf("Handoff of %s failed, repeated next round: %s", table, e.getMessage());
            LOG.debug("Handoff failure", e);
            finish(state, leader, last, Optional.of(String.valueOf(e.getMessage())));
        }
    }

    private void finish(Optional<HandoffState> state, boolean leader, Optional<Handoff> last, Optional<String> error) {
        long pending = state.map(this::pendingChunks).orElse(0L);
        status = new HandoffStatus(table, state, leader, last, pending, error, Optional.of(Instant.now()),
                replay == null ? Optional.empty() : replay.mark());
    }

    /** The closed chunks from the watermark on whose handoff time has come. */
    private long pendingChunks(HandoffState state) {
        Instant now = Instant.now();
        if (now.isBefore(clock.handoffAt(state.watermark()))) {
            return 0;
        }
        Duration behind = Duration.between(clock.handoffAt(state.watermark()), now);
        return behind.toMillis() / config.chunk().toMillis() + 1;
    }

    private void record(Handoff handoff) {
        rows.increment(handoff.rows());
        Counter.builder("junction.ingest.handoffs").tag("table", table).tag("kind", handoff.kind())
                .description("Handoffs done, by kind").register(registry).increment();
        handoff.steps().forEach((step, took) -> Timer.builder("junction.ingest.handoff.step").tag("table", table)
                .tag("step", step).description("How long each handoff step takes").register(registry).record(took));
        LOG.infof("Handoff %d of %s: %s %s/%s, %d rows, tasks %s, %s", handoff.after().seq(), table, handoff.kind(),
                handoff.start(), handoff.end(), handoff.rows(), handoff.tasks(), handoff.steps().entrySet().stream()
                        .map(step -> step.getKey() + " " + step.getValue().toMillis() / 1000.0 + " s")
                        .collect(Collectors.joining(", ")));
        bump();
    }

    private void bump() {
        try {
            versions.bump(table);
        } catch (JunctionException e) {
            // Without the result cache there is no cached answer to invalidate.
            LOG.debugf("Data version of %s not bumped: %s", table, e.getMessage());
        }
    }

    /** Remembers when this gateway first saw a state, for the eviction delay. */
    private void seen(HandoffState state) {
        Reached newest = reached.peekLast();
        if (newest == null || newest.state().seq() != state.seq() || !newest.state().watermark().equals(state.watermark())) {
            reached.addLast(new Reached(state, Instant.now()));
        }
    }

    /** Evicts for the newest state reached at least the eviction delay ago. */
    private void evict(HandoffSteps handoffSteps) throws java.sql.SQLException {
        Instant due = Instant.now().minus(config.evictionDelay());
        Reached evictable = null;
        while (!reached.isEmpty() && !reached.peekFirst().at().isAfter(due)) {
            evictable = reached.pollFirst();
        }
        if (evictable == null) {
            return;
        }
        // Keep it: a later round evicts again for it (rows that arrived since, e.g. stalled writes made late).
        reached.addFirst(evictable);
        long deleted = handoffSteps.evict(evictable.state());
        if (deleted > 0) {
            LOG.infof("Evicted %d hot rows of %s below %s / handoff %d", deleted, table, evictable.state().watermark(),
                    evictable.state().seq());
            // Evicted rows were hidden already; a stalled row turned late shows up now.
            bump();
        }
    }

    /** The steps over the configured connectors, once they are reachable; the hot table is created first. */
    HandoffSteps steps() throws java.sql.SQLException {
        if (steps == null) {
            if (!(connectors.get(config.hotConnector()) instanceof IgniteConnector ignite)) {
                throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.hot-connector '"
                        + config.hotConnector() + "' is no Ignite connector");
            }
            if (!(connectors.get(config.coldConnector()) instanceof DruidConnector druid)) {
                throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.cold-connector '"
                        + config.coldConnector() + "' is no Druid connector");
            }
            var coordinator = druid.coordinator().orElseThrow(() -> new JunctionException(
                    ErrorCode.INVALID_CONFIGURATION, "Connector '" + config.coldConnector()
                    + "' needs coordinator-url for handoffs"));
            if (!(connectors.get(config.streamConnector()) instanceof PulsarConnector pulsar)) {
                throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.stream-connector '"
                        + config.streamConnector() + "' is no Pulsar connector");
            }
            HotChunks hot = new HotChunks(ignite.endpoint(), HotTable.of(config));
            replay = new HotReplay(hot, new TopicCursor(pulsar.admin(), config.topic(), config.subscription()), clock,
                    config.maxFuture());
            steps = new HandoffSteps(clock, states, hot, new DruidChunks(coordinator, druid.endpoint(), specs,
                    config.handoffTimeout()), files);
        }
        if (!tableReady) {
            steps.hot().ensureTable();
            tableReady = true;
        }
        return steps;
    }

    /**
     * The replay check of a round alone, for tests that drive rounds themselves: whether no refill of the hot table
     * from Pulsar is under way (a first round on a new Ignite starts one).
     */
    synchronized boolean replaySettled() throws Exception {
        steps();
        return replay.settled(states.reload(table, initialWatermark), Instant.now());
    }

    /** Stops the background rounds (tests drive rounds themselves); waits for a running round to end. */
    public synchronized void suspend() {
        suspended = true;
    }

    /** Starts the background rounds again. */
    public void resume() {
        suspended = false;
    }

    /** The initial watermark this gateway gives a table without state: the chunk of its start. */
    Instant initialWatermark() {
        return initialWatermark;
    }

    /** Forgets the states seen (tests that reset the stored state). */
    synchronized void forget() {
        reached.clear();
        status = new HandoffStatus(table, Optional.empty(), false, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    void close(@Observes ShutdownEvent shutdown) {
        scheduler.shutdownNow();
        try {
            // A round still running (interrupted in its wait on Druid) could take the lease again after the release.
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warnf("A handoff round of %s did not end within 10 s of the shutdown", table);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            leases.release(table, owner);
        } catch (RuntimeException e) {
            LOG.debugf("Handoff lease of %s not released: %s", table, e.getMessage());
        }
    }

    private static String address() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
