package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.connector.HttpEndpoint;
import dev.junction.ingest.ChunkClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * Kills a gateway in the middle of a handoff, from a thread of its own, at one of its {@link Moment}s: it watches
 * Druid's overlord and the stored state, and kills the gateway (SIGKILL) the moment it sees the handoff there.
 * Handoffs while the stored sequence is below {@code spared} are let through.
 */
final class MidHandoffKiller implements AutoCloseable {
    /** Where in a handoff the gateway is killed. */
    enum Moment {
        /** Druid runs the task replacing the chunk at the stored watermark; the state has not moved for it. */
        TASK_RUNNING,
        /**
         * Druid's task for the chunk at the stored watermark succeeded: the gateway waits until Druid serves the chunk
         * before it moves the state.
         */
        CONFIRMING,
        /** The state has just moved past the chunk; its hot rows wait out the eviction delay before they go. */
        STATE_MOVED,
        /**
         * A late handoff: Druid runs the task staging a closed chunk's late rows in the {@code _late} datasource, the
         * state has not moved for it.
         */
        LATE_STAGING,
        /**
         * A late handoff, one step on: the late rows are staged, and Druid runs the task replacing the closed chunk with
         * its rows so far plus the staged ones; the state has not moved for it.
         */
        LATE_COMBINING;

        /** Whether the kill comes in a late handoff (the test sends late events for it). */
        boolean late() {
            return switch (this) {
                case TASK_RUNNING, CONFIRMING, STATE_MOVED -> false;
                case LATE_STAGING, LATE_COMBINING -> true;
            };
        }
    }

    /**
     * Where the kill happened.
     *
     * @param task the Druid task of the handoff (unknown when the state had moved already)
     * @param chunk the start of the chunk the handoff replaces
     * @param before the stored state read after the handoff was seen, before the kill
     * @param after the stored state read once the gateway was gone
     * @param at when the kill was sent
     */
    record KillPoint(Optional<String> task, Instant chunk, HandoffState before, HandoffState after, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Moment moment;
    private final ChunkClock clock;
    private final GatewayProcess gateway;
    private final HttpEndpoint overlord;
    private final String datasource;
    private final StoredHandoff stored;
    private final long spared;
    private final Duration within;
    private final Map<String, Instant> chunks = new HashMap<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<KillPoint> point = new CompletableFuture<>();
    private final Thread watcher;

    /**
     * Starts watching.
     *
     * @param spared the sequence the stored state must have reached before a handoff is killed (1: the first
     *     handoff carrying rows completes, so that Druid serves a chunk when the gateway dies)
     * @param within how long to watch before giving up
     */
    MidHandoffKiller(Moment moment, ChunkClock clock, GatewayProcess gateway, HttpEndpoint overlord, String datasource,
            StoredHandoff stored, long spared, Duration within) {
        this.moment = moment;
        this.clock = clock;
        this.gateway = gateway;
        this.overlord = overlord;
        this.datasource = datasource;
        this.stored = stored;
        this.spared = spared;
        this.within = within;
        this.watcher = Thread.ofPlatform().daemon().name("mid-handoff-killer").start(this::watch);
    }

    /** Whether the kill was sent (calls to the gateway fail from then on). */
    boolean fired() {
        return fired.get();
    }

    /** Whether the watch ended: the gateway was killed, or the killer gave up. */
    boolean done() {
        return point.isDone();
    }

    /**
     * Where the kill happened, once the gateway is gone.
     *
     * @throws AssertionError when no handoff was caught in flight within the bound: the test must not pass then
     */
    KillPoint killPoint() throws InterruptedException {
        try {
            return point.get();
        } catch (ExecutionException e) {
            throw new AssertionError("No handoff of '" + datasource + "' was caught at " + moment + " within " + within
                    + " (sequence at least " + spared + "): the gateway was not killed mid-handoff; its logs: "
                    + gateway.logFiles(), e.getCause());
        }
    }

    private void watch() {
        try {
            point.complete(await("a handoff of '" + datasource + "' in flight").atMost(within)
                    .pollInterval(Duration.ofMillis(50)).pollInSameThread()
                    .until(this::killIfInFlight, Optional::isPresent).orElseThrow());
        } catch (Throwable e) {
            point.completeExceptionally(e);
        }
    }

    private Optional<KillPoint> killIfInFlight() throws Exception {
        if (closed.get()) {
            throw new IllegalStateException("closed before a handoff was caught in flight");
        }
        return switch (moment) {
            case TASK_RUNNING -> killIfTask(datasource, "running", Optional.empty(), false);
            case CONFIRMING -> killIfTask(datasource, "complete", Optional.of("SUCCESS"), false);
            case STATE_MOVED -> killIfMoved();
            case LATE_STAGING -> killIfTask(datasource + "_late", "running", Optional.empty(), true);
            case LATE_COMBINING -> killIfTask(datasource, "running", Optional.empty(), true);
        };
    }

    /**
     * Kills when Druid lists a task of {@code taskDatasource} in {@code state} (with {@code status}) for the chunk at
     * the stored watermark, or, when {@code late}, for a chunk before it.
     */
    private Optional<KillPoint> killIfTask(String taskDatasource, String state, Optional<String> status, boolean late)
            throws Exception {
        List<JsonNode> tasks = new ArrayList<>();
        JSON.readTree(overlord.get("druid/indexer/v1/tasks?state=" + state + "&datasource=" + taskDatasource))
                .forEach(task -> {
                    if (status.isEmpty() || status.get().equals(task.path("statusCode").asText())) {
                        tasks.add(task);
                    }
                });
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        // Read after the task was seen: if the state has not moved past its chunk, its handoff is in flight.
        Optional<HandoffState> before = stored.read();
        if (before.isEmpty() || before.get().seq() < spared) {
            return Optional.empty();
        }
        for (JsonNode task : tasks) {
            String id = task.path("id").asText();
            Instant chunk = chunk(id);
            if (late ? chunk.isBefore(before.get().watermark()) : chunk.equals(before.get().watermark())) {
                return Optional.of(kill(Optional.of(id), chunk, before.get()));
            }
        }
        return Optional.empty();
    }

    /** Kills as soon as the stored state has moved for the first handoff after the spared ones. */
    private Optional<KillPoint> killIfMoved() throws Exception {
        Optional<HandoffState> before = stored.read();
        if (before.isEmpty() || before.get().seq() <= spared) {
            return Optional.empty();
        }
        return Optional.of(kill(Optional.empty(), clock.start(before.get().watermark().minusMillis(1)), before.get()));
    }

    private KillPoint kill(Optional<String> task, Instant chunk, HandoffState before) throws Exception {
        Instant at = Instant.now();
        fired.set(true);
        gateway.kill();
        return new KillPoint(task, chunk, before, stored.read().orElseThrow(), at);
    }

    /** The start of the one interval a handoff task replaces (DruidTaskSpecs: the granularity spec's intervals). */
    private Instant chunk(String task) throws Exception {
        Instant known = chunks.get(task);
        if (known == null) {
            JsonNode intervals = JSON.readTree(overlord.get("druid/indexer/v1/task/" + task))
                    .path("payload").path("spec").path("dataSchema").path("granularitySpec").path("intervals");
            known = Instant.parse(intervals.path(0).asText().split("/")[0]);
            chunks.put(task, known);
        }
        return known;
    }

    /** Stops watching (when the test ends before a kill). */
    @Override
    public void close() throws InterruptedException {
        closed.set(true);
        watcher.join();
    }
}
