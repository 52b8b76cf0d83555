package dev.junction.ingest.handoff;

import dev.junction.cache.ThrowawayIgniteNode;
import dev.junction.connector.HttpEndpoint;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.AcceptedEvents.Batch;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's exactly once with the hot store restarted mid-load (docs/metrics.md, "Ignite restarts"): Ignite keeps the
 * hot table in memory, so a restart loses every event acknowledged in Pulsar and not yet in Druid. The built gateway
 * runs as a process of its own against a throwaway Ignite node (port 10900; the stack's node stays up), with
 * one-minute chunks. Events are posted until one chunk is in Druid; then Ignite is killed and started again while
 * events keep coming. The gateway finds the replay mark gone, rewinds its subscription, and hands nothing off until
 * the topic's messages are consumed again; replayed events of the chunk already in Druid stay hidden until a late
 * handoff drops them. Answers never count more than was accepted, and in the end every accepted event counts once,
 * in both tiers.
 *
 * <p>Topic and subscription carry the run's name: a replay reaches minutes back, and an earlier run's events on a
 * shared topic would come back with it.
 */
class IgniteRestartedMidLoadIT {
    private static final IngestNames NAMES = new IngestNames("irestart");
    private static final ChunkClock CLOCK = IngestNames.CLOCK;
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String TOPIC = NAMES.topic() + "-" + RUN;
    /** The hot store, hot reads and handoffs use the throwaway node (the connector files read the port from the
     * environment); the result cache is off, it would use the node too. */
    private static final Map<String, String> SETTINGS = NAMES.settings(Map.of(
            "junction.cache.enabled", "false",
            "junction.ingest.ignite-address", "127.0.0.1:" + ThrowawayIgniteNode.CLIENT_PORT,
            "junction.ingest.topic", TOPIC,
            "junction.ingest.subscription", NAMES.subscription() + "-" + RUN));
    private static final Map<String, String> ENVIRONMENT = Map.of("JUNCTION_IGNITE_PORT",
            String.valueOf(ThrowawayIgniteNode.CLIENT_PORT));
    private static final StoredHandoff STORED = StackEngines.storedHandoff(NAMES);
    /** Druid only: the stack's Ignite holds nothing of this test. */
    private static final HandoffEngines DRUID = StackEngines.handoffEngines(NAMES);
    private static final HttpEndpoint PULSAR = new HttpEndpoint("http://127.0.0.1:"
            + StackEngines.port("PULSAR_ADMIN", 18280), Duration.ofSeconds(2), Duration.ofSeconds(10));
    private static final ThrowawayIgniteNode IGNITE = new ThrowawayIgniteNode();
    private static GatewayProcess gateway;

    @RegisterExtension
    static final FailureLogs LOGS = new FailureLogs(() -> gateway == null ? List.of() : gateway.logFiles());

    /** No stored state or lease of an earlier run (the gateway starts the table at the chunk of its start). */
    @BeforeAll
    static void freshStart() throws Exception {
        STORED.forget();
        IGNITE.start();
        gateway = new GatewayProcess(18199, SETTINGS, ENVIRONMENT, StackEngines.METADATA_URL, Path.of("target",
                "ignite-restarted-mid-load"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        IGNITE.kill();
        try {
            PULSAR.delete("admin/v2/persistent/public/default/" + TOPIC + "?force=true");
        } catch (IOException e) {
            // Left for Pulsar's inactive-topic cleanup.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anIgniteRestartedMidLoadLosesNoAcceptedEventAndCountsNoneTwice() throws Exception {
        AcceptedEvents events = new AcceptedEvents("it.irestart." + UUID.randomUUID().toString().substring(0, 8),
                "irestart-1", CLOCK);
        Instant from = CLOCK.start(Instant.now());
        gateway.start();
        await("a first chunk in Druid").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ZERO).until(() -> {
            postAndAccept(events);
            events.check(gateway.countAndSum(NAMES.table(), events.name()));
            return STORED.read().map(state -> state.seq() >= 1).orElse(false);
        });

        IGNITE.kill();
        Instant killedAt = Instant.now();
        // Ignite is gone: REST still takes events (they go to Pulsar), the consumer's writes fail and come again.
        Instant restartAt = killedAt.plusSeconds(5);
        while (Instant.now().isBefore(restartAt)) {
            postAndAccept(events);
        }
        IGNITE.start();
        System.out.printf("Ignite killed at %s and back after %d ms; %d events accepted so far%n", killedAt,
                Duration.between(killedAt, Instant.now()).toMillis(), events.within(Instant.EPOCH, Instant.MAX).count());
        // While the hot table refills, answers may fall short, never over.
        Instant until = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(until)) {
            postAndAccept(events);
            gateway.answer(NAMES.table(), events.name()).ifPresent(events::checkAtMost);
        }

        JsonPath replay = await("the replay after the restart done").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> given().baseUri(gateway.uri()).get("/api/v1/metrics/handoff").jsonPath(),
                        handoff -> handoff.getBoolean("replay.done")
                                && Instant.parse(handoff.getString("replay.started_at")).isAfter(killedAt));
        System.out.printf("Replay: %s%n", replay.getMap("replay"));
        // The chunk open at the kill holds events from before it, during the outage and after: once it is in Druid,
        // both tiers have had every kind of row. Then every accepted event counts once.
        Instant killedChunk = CLOCK.start(killedAt);
        await("chunk " + killedChunk + " handed off and exact answers").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(STORED.read().orElseThrow().watermark()).isAfter(killedChunk);
                    events.assertExact(gateway.countAndSum(NAMES.table(), events.name()));
                });
        // Druid serves exactly the accepted events before the watermark: none lost with Ignite, none twice.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HandoffState state = STORED.read().orElseThrow();
            Totals cold = DRUID.druid("name = '" + events.name() + "' AND " + DruidChunks.during(from,
                    state.watermark()) + " AND handoff_seq <= " + state.seq());
            assertThat(STORED.read().orElseThrow()).isEqualTo(state);
            assertThat(cold).isEqualTo(events.within(from, state.watermark()));
        });
    }

    private static void postAndAccept(AcceptedEvents events) {
        Batch batch = events.next();
        gateway.post(batch);
        events.accept(batch);
    }
}
