package dev.junction.ingest.handoff;

import dev.junction.cache.ThrowawayIgniteNode;
import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.HotTable;
import dev.junction.ingest.handoff.AcceptedEvents.Batch;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import io.restassured.path.json.JsonPath;
import org.apache.ignite.IgniteJdbcThinDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * the topic's messages are consumed again: in the end every accepted event counts once, in both tiers.
 *
 * <p>Topic and subscription carry the run's name: a replay reaches minutes back, and an earlier run's events on a
 * shared topic would come back with it.
 */
class IgniteRestartedMidLoadIT {
    private static final String TABLE = "metrics.points_irestart_it";
    private static final String DATASOURCE = "points_irestart_it";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String TOPIC = "metrics-irestart-it-" + RUN;
    private static final HotTable HOT = new HotTable("METRICS", "POINTS_IRESTART_IT",
            List.of("service", "endpoint", "method", "status", "host"));
    /** The chunk, grace and safety margin of the settings below. */
    private static final ChunkClock CLOCK = new ChunkClock(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofSeconds(2));
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("junction.ingest.enabled", "true"), Map.entry("junction.cache.enabled", "false"),
            Map.entry("junction.ingest.ignite-address", "127.0.0.1:" + ThrowawayIgniteNode.CLIENT_PORT),
            Map.entry("junction.ingest.chunk", "1m"), Map.entry("junction.ingest.grace", "5s"),
            Map.entry("junction.ingest.safety-margin", "2s"), Map.entry("junction.ingest.eviction-delay", "5s"),
            Map.entry("junction.ingest.handoff-interval", "1s"), Map.entry("junction.ingest.handoff-timeout", "2m"),
            Map.entry("junction.ingest.handoff-lease", "15s"), Map.entry("junction.ingest.topic", TOPIC),
            Map.entry("junction.ingest.dead-letter-topic", "metrics-dlq-irestart-it"),
            Map.entry("junction.ingest.subscription", "junction-irestart-it-" + RUN),
            Map.entry("junction.ingest.hot-table", HOT.schema() + "." + HOT.table()),
            Map.entry("junction.ingest.cold-datasource", DATASOURCE), Map.entry("junction.ingest.table", TABLE));
    /** The connector files read the Ignite port from the environment: hot reads and handoffs go to the node too. */
    private static final Map<String, String> ENVIRONMENT = Map.of("JUNCTION_IGNITE_PORT",
            String.valueOf(ThrowawayIgniteNode.CLIENT_PORT));

    private static final String METADATA_URL = "jdbc:postgresql://127.0.0.1:" + port("POSTGRES", 15432) + "/junction";
    private static final StoredHandoff STORED = new StoredHandoff(METADATA_URL, TABLE);
    private static final HttpEndpoint PULSAR = new HttpEndpoint("http://127.0.0.1:" + port("PULSAR_ADMIN", 18280),
            Duration.ofSeconds(2), Duration.ofSeconds(10));
    private static final HandoffEngines ENGINES = new HandoffEngines(new JdbcEndpoint(new IgniteJdbcThinDriver(),
            "jdbc:ignite:thin://127.0.0.1:" + ThrowawayIgniteNode.CLIENT_PORT, new Properties()), new JdbcEndpoint(
            new org.apache.calcite.avatica.remote.Driver(), "jdbc:avatica:remote:url=http://127.0.0.1:"
            + port("DRUID_BROKER", 18082) + "/druid/v2/sql/avatica/;serialization=json", new Properties()),
            new HttpEndpoint("http://127.0.0.1:" + port("DRUID_COORDINATOR", 18081), Duration.ofSeconds(2),
                    Duration.ofSeconds(10)), HOT, DATASOURCE);
    private static final ThrowawayIgniteNode IGNITE = new ThrowawayIgniteNode();
    private static GatewayProcess gateway;

    @RegisterExtension
    static final TestWatcher LOGS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (gateway != null) {
                System.err.println("Logs of the gateway processes of " + context.getDisplayName() + ": "
                        + gateway.logFiles());
            }
        }
    };

    /** No stored state or lease of an earlier run (the gateway starts the table at the chunk of its start). */
    @BeforeAll
    static void freshStart() throws Exception {
        STORED.forget();
        IGNITE.start();
        gateway = new GatewayProcess(18199, SETTINGS, ENVIRONMENT, METADATA_URL, Path.of("target",
                "ignite-restarted-mid-load"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        IGNITE.kill();
        try {
            PULSAR.delete("admin/v2/persistent/public/default/" + TOPIC + "?force=true");
        } catch (IOException e) {
            // Left for Pulsar's inactive-topic cleanup.
        }
    }

    @Test
    void anIgniteRestartedMidLoadLosesNoAcceptedEventAndCountsNoneTwice() throws Exception {
        AcceptedEvents events = new AcceptedEvents("it.irestart." + UUID.randomUUID().toString().substring(0, 8),
                "irestart-1", CLOCK);
        Instant from = CLOCK.start(Instant.now());
        gateway.start();
        await("a first chunk in Druid (logs: " + gateway.logFiles() + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ZERO).until(() -> {
                    postAndAccept(events);
                    events.check(events.countAndSum(gateway.uri(), TABLE));
                    return STORED.read().map(state -> state.seq() >= 1).orElse(false);
                });

        IGNITE.kill();
        Instant killedAt = Instant.now();
        // Ignite is gone: REST still takes events (they go to Pulsar), the consumer's writes fail and come again.
        postFor(events, Duration.ofSeconds(5));
        IGNITE.start();
        System.out.printf("Ignite killed at %s and back after %d ms; %d events accepted so far%n", killedAt,
                Duration.between(killedAt, Instant.now()).toMillis(), events.all().count());
        // While the hot table refills, answers may fall short, never over.
        Instant until = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(until)) {
            postAndAccept(events);
            events.answer(gateway.uri(), TABLE).ifPresent(events::checkAtMostAccepted);
        }

        JsonPath replay = await("the replay after the restart done (logs: " + gateway.logFiles() + ")")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().baseUri(gateway.uri()).get("/api/v1/metrics/handoff").jsonPath(),
                        handoff -> handoff.getBoolean("replay.done")
                                && Instant.parse(handoff.getString("replay.started_at")).isAfter(killedAt));
        System.out.printf("Replay: %s%n", replay.getMap("replay"));
        // The chunk open at the kill holds events from before it, during the outage and after: once it is in Druid,
        // both tiers have had every kind of row. Then every accepted event counts once.
        Instant killedChunk = CLOCK.start(killedAt);
        await("chunk " + killedChunk + " handed off and exact answers (logs: " + gateway.logFiles() + ")")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(STORED.read().orElseThrow().watermark()).isAfter(killedChunk);
                    events.assertExact(events.countAndSum(gateway.uri(), TABLE));
                });
        // Druid serves exactly the accepted events before the watermark: none lost with Ignite, none twice.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HandoffState state = STORED.read().orElseThrow();
            Totals cold = ENGINES.druid("name = '" + events.name + "' AND " + DruidChunks.during(from, state.watermark())
                    + " AND handoff_seq <= " + state.seq());
            assertThat(STORED.read().orElseThrow()).isEqualTo(state);
            assertThat(cold).isEqualTo(events.within(from, state.watermark()));
        });
    }

    private static void postAndAccept(AcceptedEvents events) {
        Batch batch = events.next();
        AcceptedEvents.post(gateway.uri(), batch);
        events.accept(batch);
    }

    private static void postFor(AcceptedEvents events, Duration period) {
        Instant until = Instant.now().plus(period);
        while (Instant.now().isBefore(until)) {
            postAndAccept(events);
        }
    }

    private static int port(String engine, int standard) {
        return Integer.parseInt(System.getenv().getOrDefault("JUNCTION_" + engine + "_PORT", String.valueOf(standard)));
    }
}
