package dev.junction.ingest.handoff;

import dev.junction.connector.HttpEndpoint;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.AcceptedEvents.Batch;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import dev.junction.ingest.handoff.MidHandoffKiller.KillPoint;
import io.restassured.path.json.JsonPath;
import dev.junction.ingest.handoff.MidHandoffKiller.Moment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 5's exactly once across tiers with the gateway killed mid-handoff and restarted (docs/metrics.md,
 * "Handoff"): the built gateway runs as a process of its own, with one-minute chunks and names of its own for each
 * moment (for TASK_RUNNING: metrics-killtaskrunning-it, METRICS.POINTS_KILLTASKRUNNING_IT, points_killtaskrunning_it,
 * metrics.points_killtaskrunning_it), two moments at a time. Events are posted to it while its answers never count
 * more than was accepted nor fewer than an earlier answer; once one chunk is in Druid, it is killed (SIGKILL) in the
 * next handoff, at each of its steps in turn ({@link Moment}): while Druid runs its task, while the gateway waits for
 * Druid to serve the chunk, after the state moved but before the hot rows were evicted, and in a late handoff while
 * Druid stages the late rows and while it combines them with the chunk. Restarted with the same settings, it takes
 * the lease over, repeats the handoff with the same sequence (or, once the state moved, evicts its hot rows), and
 * every accepted event counts once, in both tiers.
 */
class GatewayKilledMidHandoffIT {
    private static final ChunkClock CLOCK = IngestNames.CLOCK;
    private static final HttpEndpoint OVERLORD = StackEngines.overlord();
    /**
     * Moments run this many at a time, each with names (topic, tables, datasource) and a gateway port of its own: a
     * moment spends its three minutes mostly waiting for chunks to close, so two at once halve the class's time.
     */
    private static final int AT_ONCE = 2;
    private static final int FIRST_PORT = 18210;
    private static final Map<Moment, CompletableFuture<Void>> RUNS = new EnumMap<>(Moment.class);
    private static final Map<Moment, GatewayProcess> GATEWAYS = new ConcurrentHashMap<>();
    private static ExecutorService runner;

    @RegisterExtension
    static final FailureLogs LOGS = new FailureLogs(() -> GATEWAYS.values().stream()
            .flatMap(gateway -> gateway.logFiles().stream()).toList());

    /** Starts every moment's run; each test waits for its own. */
    @BeforeAll
    static void startEveryMoment() {
        runner = Executors.newFixedThreadPool(AT_ONCE);
        for (Moment moment : Moment.values()) {
            RUNS.put(moment, CompletableFuture.runAsync(() -> {
                try {
                    killAndRestart(moment);
                } catch (Exception e) {
                    throw new CompletionException(e);
                } finally {
                    GatewayProcess gateway = GATEWAYS.get(moment);
                    if (gateway != null) {
                        gateway.stop();
                    }
                }
            }, runner));
        }
    }

    @AfterAll
    static void stopRuns() {
        runner.shutdownNow();
        GATEWAYS.values().forEach(GatewayProcess::stop);
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aGatewayKilledMidHandoffAndRestartedCountsEveryAcceptedEventOnce(Moment moment) throws Throwable {
        try {
            RUNS.get(moment).get(15, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
        }
    }

    /** The names of one moment's run: {@code kill} and the moment, e.g. {@code metrics-killtaskrunning-it}. */
    private static IngestNames names(Moment moment) {
        return new IngestNames("kill" + moment.name().toLowerCase(Locale.ROOT).replace("_", ""));
    }

    /**
     * Every run starts its table afresh: no stored state or lease (the gateway starts it at the chunk of its start),
     * no hot rows and no events left on the topic by an earlier run that failed (they would be handed off again).
     * Druid's rows of earlier runs stay: they are in chunks before this run's and carry other metric names.
     */
    private static void freshTable(IngestNames names, StoredHandoff stored, HandoffEngines engines) throws Exception {
        stored.forget();
        engines.freshHot();
        try (HttpEndpoint pulsar = new HttpEndpoint("http://127.0.0.1:" + StackEngines.port("PULSAR_ADMIN", 18280),
                Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            pulsar.postJson("admin/v2/persistent/public/default/" + names.topic() + "/subscription/"
                    + names.subscription() + "/skip_all", "{}");
        } catch (IOException e) {
            // No such topic or subscription yet (the first run): nothing to skip.
        }
    }

    /** One moment's run: events posted, the gateway killed at the moment and restarted, every event counted once. */
    private static void killAndRestart(Moment moment) throws Exception {
        IngestNames names = names(moment);
        StoredHandoff stored = StackEngines.storedHandoff(names);
        HandoffEngines engines = StackEngines.handoffEngines(names);
        freshTable(names, stored, engines);
        GatewayProcess gateway = new GatewayProcess(FIRST_PORT + moment.ordinal(), names.settings(Map.of()),
                StackEngines.METADATA_URL, Path.of("target", "gateway-killed-mid-handoff",
                moment.name().toLowerCase(Locale.ROOT)));
        GATEWAYS.put(moment, gateway);
        AcceptedEvents events = new AcceptedEvents("it.kill." + UUID.randomUUID().toString().substring(0, 8), "kill-1",
                CLOCK);
        Instant from = CLOCK.start(Instant.now());
        gateway.start();
        KillPoint kill;
        // LATE_STAGING, LATE_COMBINING: one batch of events stamped in the chunk the first handoff carried, once it is
        // in Druid.
        Optional<Batch> late = Optional.empty();
        // Spares the first handoff carrying rows (sequence 1), kills the second: Druid serves a chunk meanwhile.
        try (MidHandoffKiller killer = new MidHandoffKiller(moment, CLOCK, gateway, OVERLORD, names.datasource(),
                stored, 1, Duration.ofMinutes(3))) {
            while (!killer.done()) {
                Optional<HandoffState> state = stored.read();
                boolean lateNow = moment.late() && late.isEmpty() && state.isPresent()
                        && state.get().seq() == 1;
                Batch batch = lateNow ? events.at(CLOCK.start(state.get().watermark().minusMillis(1)).plusSeconds(1))
                        : events.next();
                if (lateNow) {
                    late = Optional.of(batch);
                }
                try {
                    gateway.post(batch);
                } catch (Exception e) {
                    if (!killer.fired()) {
                        throw e;
                    }
                    // Sent as the gateway died: it may or may not be on the topic. Sent again with the same ids below.
                    events.doubt(batch);
                    break;
                }
                events.accept(batch);
                try {
                    events.check(gateway.countAndSum(names.table(), events.name()));
                } catch (Exception e) {
                    if (!killer.fired()) {
                        throw e;
                    }
                }
            }
            kill = killer.killPoint();
        }
        assertThat(kill.after()).as("the stored state did not move after the kill").isEqualTo(kill.before());
        Totals killedChunk = events.within(kill.chunk(), CLOCK.end(kill.chunk()));
        // What Druid holds of the killed chunk in the end, by handoff sequence: {seq, count, sum}.
        List<long[]> druidChunk = switch (moment) {
            case TASK_RUNNING, CONFIRMING -> {
                assertThat(kill.before().seq()).isEqualTo(1);
                assertThat(kill.chunk()).isEqualTo(kill.before().watermark());
                yield List.<long[]>of(new long[] {2, killedChunk.count(), (long) killedChunk.sum()});
            }
            case STATE_MOVED -> {
                assertThat(kill.before().seq()).isEqualTo(2);
                assertThat(CLOCK.end(kill.chunk())).isEqualTo(kill.before().watermark());
                // Before the eviction: the chunk's rows are still in Ignite, hidden by the watermark.
                assertThat(engines.hotRows(kill.chunk(), CLOCK.end(kill.chunk()))).isEqualTo(killedChunk.count());
                yield List.<long[]>of(new long[] {2, killedChunk.count(), (long) killedChunk.sum()});
            }
            case LATE_STAGING, LATE_COMBINING -> {
                // The first chunk's late events, handed off by the late handoff with sequence 2 when the kill came.
                assertThat(kill.before().seq()).isEqualTo(1);
                assertThat(late).isPresent();
                assertThat(kill.chunk()).isEqualTo(CLOCK.start(late.get().at()));
                Totals lateTotals = late.get().totals();
                yield List.<long[]>of(new long[] {1, killedChunk.count() - lateTotals.count(),
                        (long) (killedChunk.sum() - lateTotals.sum())},
                        new long[] {2, lateTotals.count(), (long) lateTotals.sum()});
            }
        };
        System.out.printf("%s: killed the gateway %d ms after chunk %s was due, Druid task %s, state %s; %s%n", moment,
                Duration.between(CLOCK.handoffAt(kill.chunk()), kill.at()).toMillis(), kill.chunk(),
                kill.task().orElse("done"), kill.before(),
                events.inDoubt().isEmpty() ? "no request cut off" : "a request cut off, sent again");

        gateway.start();
        for (Batch unanswered : events.inDoubt()) {
            gateway.post(unanswered);
            events.accept(unanswered);
        }
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            Batch batch = events.next();
            gateway.post(batch);
            events.accept(batch);
            events.check(gateway.countAndSum(names.table(), events.name()));
        }

        // The chunk open at the kill holds events from before it and after the restart: once it is in Druid too,
        // both tiers have had every kind of row. Then every accepted event counts once.
        Instant killedAt = CLOCK.start(kill.at());
        await("chunk " + killedAt + " handed off and exact answers (logs: " + gateway.logFiles() + ")")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(stored.read().orElseThrow().watermark()).isAfter(killedAt);
                    events.assertExact(gateway.countAndSum(names.table(), events.name()));
                });
        // Druid finished the dead gateway's task on its own; the restarted gateway repeated that handoff with the
        // same sequence, replacing the chunk again (or, the state having moved, did not repeat it): Druid holds it
        // once, and Ignite no more.
        if (kill.task().isPresent()) {
            assertThat(JsonPath.from(OVERLORD.get("druid/indexer/v1/task/" + kill.task().get() + "/status"))
                    .getString("status.statusCode")).isEqualTo("SUCCESS");
        }
        assertThat(engines.druidBySeq(kill.chunk(), CLOCK.end(kill.chunk()))).containsExactlyElementsOf(druidChunk);
        await("the killed chunk's hot rows evicted").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(engines.hotRows(kill.chunk(), CLOCK.end(kill.chunk()))).isZero());
        // Druid serves exactly the accepted events before the watermark, one handoff per chunk of events (and one more
        // for the late ones).
        long lateHandoffs = late.isPresent() ? 1 : 0;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HandoffState state = stored.read().orElseThrow();
            Totals cold = engines.druid("name = '" + events.name() + "' AND "
                    + DruidChunks.during(from, state.watermark())
                    + " AND handoff_seq <= " + state.seq());
            assertThat(stored.read().orElseThrow()).isEqualTo(state);
            assertThat(cold).isEqualTo(events.within(from, state.watermark()));
            assertThat(state.seq()).isEqualTo(events.chunks(from, state.watermark()) + lateHandoffs);
        });
        given().baseUri(gateway.uri()).get("/api/v1/metrics/handoff").then().statusCode(200)
                .body("table", equalTo(names.table())).body("leader", equalTo(true));
    }
}
