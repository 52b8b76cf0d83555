package dev.junction.ingest.handoff;

import dev.junction.connector.HttpEndpoint;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.AcceptedEvents.Batch;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import dev.junction.ingest.handoff.MidHandoffKiller.KillPoint;
import io.restassured.path.json.JsonPath;
import dev.junction.ingest.handoff.MidHandoffKiller.Moment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 5's exactly once across tiers with the gateway killed mid-handoff and restarted (docs/metrics.md,
 * "Handoff"): the built gateway runs as a process of its own, with one-minute chunks and names of its own
 * (metrics-kill-it, METRICS.POINTS_KILL_IT, points_kill_it, metrics.points_kill_it). Events are posted to it while
 * its answers never count more than was accepted nor fewer than an earlier answer; once one chunk is in Druid, it
 * is killed (SIGKILL) in the next handoff, at each of its steps in turn ({@link Moment}): while Druid runs its task,
 * while the gateway waits for Druid to serve the chunk, after the state moved but before the hot rows were evicted,
 * and in a late handoff while Druid stages the late rows and while it combines them with the chunk. Restarted with
 * the same settings, it takes the lease over, repeats the handoff with the same sequence (or, once the state moved,
 * evicts its hot rows), and every accepted event counts once, in both tiers.
 */
class GatewayKilledMidHandoffIT {
    private static final IngestNames NAMES = new IngestNames("kill");
    private static final ChunkClock CLOCK = IngestNames.CLOCK;
    private static final StoredHandoff STORED = StackEngines.storedHandoff(NAMES);
    private static final HttpEndpoint OVERLORD = StackEngines.overlord();
    private static final HandoffEngines ENGINES = StackEngines.handoffEngines(NAMES);
    private static GatewayProcess gateway;

    @RegisterExtension
    static final FailureLogs LOGS = new FailureLogs(() -> gateway == null ? List.of() : gateway.logFiles());

    /**
     * Every run starts the table afresh: no stored state or lease (the gateway starts it at the chunk of its start),
     * no hot rows and no events left on the topic by an earlier run that failed (they would be handed off again).
     * Druid's rows of earlier runs stay: they are in chunks before this run's and carry other metric names.
     */
    @BeforeEach
    void freshTable() throws Exception {
        STORED.forget();
        ENGINES.freshHot();
        try (HttpEndpoint pulsar = new HttpEndpoint("http://127.0.0.1:" + StackEngines.port("PULSAR_ADMIN", 18280),
                Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            pulsar.postJson("admin/v2/persistent/public/default/" + NAMES.topic() + "/subscription/"
                    + NAMES.subscription() + "/skip_all", "{}");
        } catch (IOException e) {
            // No such topic or subscription yet (the first run): nothing to skip.
        }
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aGatewayKilledMidHandoffAndRestartedCountsEveryAcceptedEventOnce(Moment moment) throws Exception {
        gateway = new GatewayProcess(18195, NAMES.settings(Map.of()), StackEngines.METADATA_URL,
                Path.of("target", "gateway-killed-mid-handoff", moment.name().toLowerCase(Locale.ROOT)));
        AcceptedEvents events = new AcceptedEvents("it.kill." + UUID.randomUUID().toString().substring(0, 8), "kill-1",
                CLOCK);
        Instant from = CLOCK.start(Instant.now());
        gateway.start();
        KillPoint kill;
        // LATE_STAGING, LATE_COMBINING: one batch of events stamped in the chunk the first handoff carried, once it is
        // in Druid.
        Optional<Batch> late = Optional.empty();
        // Spares the first handoff carrying rows (sequence 1), kills the second: Druid serves a chunk meanwhile.
        try (MidHandoffKiller killer = new MidHandoffKiller(moment, CLOCK, gateway, OVERLORD, NAMES.datasource(), STORED,
                1, Duration.ofMinutes(3))) {
            while (!killer.done()) {
                Optional<HandoffState> state = STORED.read();
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
                    events.check(gateway.countAndSum(NAMES.table(), events.name()));
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
                assertThat(ENGINES.hotRows(kill.chunk(), CLOCK.end(kill.chunk()))).isEqualTo(killedChunk.count());
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
            events.check(gateway.countAndSum(NAMES.table(), events.name()));
        }

        // The chunk open at the kill holds events from before it and after the restart: once it is in Druid too,
        // both tiers have had every kind of row. Then every accepted event counts once.
        Instant killedAt = CLOCK.start(kill.at());
        await("chunk " + killedAt + " handed off and exact answers (logs: " + gateway.logFiles() + ")")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(STORED.read().orElseThrow().watermark()).isAfter(killedAt);
                    events.assertExact(gateway.countAndSum(NAMES.table(), events.name()));
                });
        // Druid finished the dead gateway's task on its own; the restarted gateway repeated that handoff with the
        // same sequence, replacing the chunk again (or, the state having moved, did not repeat it): Druid holds it
        // once, and Ignite no more.
        if (kill.task().isPresent()) {
            assertThat(JsonPath.from(OVERLORD.get("druid/indexer/v1/task/" + kill.task().get() + "/status"))
                    .getString("status.statusCode")).isEqualTo("SUCCESS");
        }
        assertThat(ENGINES.druidBySeq(kill.chunk(), CLOCK.end(kill.chunk()))).containsExactlyElementsOf(druidChunk);
        await("the killed chunk's hot rows evicted").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ENGINES.hotRows(kill.chunk(), CLOCK.end(kill.chunk()))).isZero());
        // Druid serves exactly the accepted events before the watermark, one handoff per chunk of events (and one more
        // for the late ones).
        long lateHandoffs = late.isPresent() ? 1 : 0;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HandoffState state = STORED.read().orElseThrow();
            Totals cold = ENGINES.druid("name = '" + events.name() + "' AND "
                    + DruidChunks.during(from, state.watermark())
                    + " AND handoff_seq <= " + state.seq());
            assertThat(STORED.read().orElseThrow()).isEqualTo(state);
            assertThat(cold).isEqualTo(events.within(from, state.watermark()));
            assertThat(state.seq()).isEqualTo(events.chunks(from, state.watermark()) + lateHandoffs);
        });
        given().baseUri(gateway.uri()).get("/api/v1/metrics/handoff").then().statusCode(200)
                .body("table", equalTo(NAMES.table())).body("leader", equalTo(true));
    }
}
