package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.connector.HttpEndpoint;

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
 * Kills a gateway in the middle of a handoff, from a thread of its own: it watches Druid's overlord for a running
 * task of the cold datasource that replaces the chunk at the stored watermark (a handoff whose task Druid runs
 * while the state has not moved for it yet) and kills the gateway (SIGKILL) the moment it sees one. Handoffs while
 * the stored sequence is below {@code spared} are let through.
 */
final class MidHandoffKiller implements AutoCloseable {
    /**
     * Where the kill happened.
     *
     * @param task the Druid task in flight
     * @param chunk the start of the chunk it replaces
     * @param before the stored state read after the task was seen, before the kill
     * @param after the stored state read once the gateway was gone
     * @param at when the kill was sent
     */
    record KillPoint(String task, Instant chunk, HandoffState before, HandoffState after, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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
    MidHandoffKiller(GatewayProcess gateway, HttpEndpoint overlord, String datasource, StoredHandoff stored, long spared,
            Duration within) {
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
            throw new AssertionError("No handoff of '" + datasource + "' was caught in flight within " + within
                    + " (a running Druid task replacing the chunk at the watermark, sequence at least " + spared
                    + "): the gateway was not killed mid-handoff; its logs: " + gateway.logFiles(), e.getCause());
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
        List<JsonNode> running = new ArrayList<>();
        JSON.readTree(overlord.get("druid/indexer/v1/tasks?state=running&datasource=" + datasource)).forEach(running::add);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        // Read after the task was seen running: if the state has not moved past its chunk, its handoff is in flight.
        Optional<HandoffState> before = stored.read();
        if (before.isEmpty() || before.get().seq() < spared) {
            return Optional.empty();
        }
        for (JsonNode task : running) {
            String id = task.path("id").asText();
            Instant chunk = chunk(id);
            if (chunk.equals(before.get().watermark())) {
                Instant at = Instant.now();
                fired.set(true);
                gateway.kill();
                HandoffState after = stored.read().orElseThrow();
                return Optional.of(new KillPoint(id, chunk, before.get(), after, at));
            }
        }
        return Optional.empty();
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
