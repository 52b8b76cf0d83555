package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.connector.HttpEndpoint;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.AcceptedEvents.Batch;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's exactly once across tiers with Pulsar restarted mid-load (docs/metrics.md, "Ingest"): a throwaway Pulsar
 * standalone ({@link ThrowawayPulsar}) and the built gateway as a process of its own over it, with one-minute chunks
 * and names of its own (metrics-prestart-it, METRICS.POINTS_PRESTART_IT, points_prestart_it,
 * metrics.points_prestart_it).
 * Events are posted without pause while every answer of the hybrid table is checked (never more than was accepted,
 * never fewer than an earlier answer). In the middle Pulsar is killed (SIGKILL): the gateway refuses events at once
 * with 503 ENGINE_UNAVAILABLE instead of hanging. Pulsar starts again on the same data; the gateway's producer and
 * consumer reconnect on their own, and every refused request is sent again with the same ids. In the end a
 * subscription of the test's own finds every accepted event on the topic (Pulsar lost nothing it acknowledged), every
 * accepted event counts once through the gateway, those Pulsar acknowledged just before it was killed included, and
 * once their chunk is handed off Druid holds exactly the accepted events before the watermark.
 */
class PulsarRestartedMidLoadIT {
    private static final IngestNames NAMES = new IngestNames("prestart");
    private static final ChunkClock CLOCK = IngestNames.CLOCK;
    /** junction.ingest.publish-timeout (application.properties): the longest REST waits for Pulsar. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test's own subscription to the gateway's topic, to see what Pulsar kept. */
    private static final String AUDIT = "prestart-it-audit";
    private static final ThrowawayPulsar PULSAR = new ThrowawayPulsar();
    private static final StoredHandoff STORED = StackEngines.storedHandoff(NAMES);
    private static final HandoffEngines ENGINES = StackEngines.handoffEngines(NAMES);
    /** A request the gateway does not answer within this is a hang, and fails the test instead of stalling it. */
    private static final RestAssuredConfig WITHIN = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", (int) PUBLISH_TIMEOUT.plusSeconds(20).toMillis()));
    private static GatewayProcess gateway;

    @RegisterExtension
    static final FailureLogs LOGS = new FailureLogs(() -> Stream.concat(PULSAR.logFiles().stream(),
            gateway == null ? Stream.empty() : gateway.logFiles().stream()).toList());

    /** What the gateway may answer to a request, by what Pulsar is doing then. */
    private enum Expect {
        /** Pulsar runs and the gateway is connected to it. */
        ACCEPTED,
        /** Pulsar is down. */
        REFUSED,
        /** Pulsar is starting, or the gateway is reconnecting. */
        EITHER
    }

    /**
     * A fresh Pulsar (no topic, no subscription), no stored handoff state or lease (the gateway starts the table at the
     * chunk of its start) and no hot rows. Druid's rows of earlier runs carry other metric names.
     */
    @BeforeAll
    static void freshPulsarAndTable() throws Exception {
        PULSAR.deleteData();
        PULSAR.start();
        STORED.forget();
        ENGINES.freshHot();
        subscribeAudit();
        gateway = new GatewayProcess(18196, NAMES.settings(Map.of("junction.ingest.pulsar-url", PULSAR.serviceUrl())),
                StackEngines.METADATA_URL, Path.of("target", "pulsar-restarted-mid-load"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        PULSAR.kill();
        StackEngines.forget(NAMES);
    }

    @Test
    void pulsarKilledMidLoadAndRestartedLosesNoAcceptedEventAndStoresNoneTwice() throws Exception {
        Load load = new Load(new AcceptedEvents("it.prestart." + UUID.randomUUID().toString().substring(0, 8),
                "prestart-1", CLOCK));
        Instant from = CLOCK.start(Instant.now());
        gateway.start();
        load.warmUp();
        assertConnected("before the kill");

        load.during(Duration.ofSeconds(10), Expect.ACCEPTED);
        // Killed while requests keep coming: one may be in flight, its answer a refusal after the messages were stored.
        CompletableFuture<Instant> killing = CompletableFuture.supplyAsync(() -> {
            PULSAR.kill();
            return Instant.now();
        });
        load.until(killing::isDone, Expect.EITHER);
        Instant killed = killing.join();
        Instant newestBeforeKill = load.newestAccepted();
        load.during(Duration.ofSeconds(8), Expect.REFUSED);
        CompletableFuture<Void> restart = CompletableFuture.runAsync(PULSAR::start);
        load.until(restart::isDone, Expect.EITHER);
        restart.join();
        Instant healthy = Instant.now();
        // The clients reconnect with a growing backoff (from 100 ms, doubling, at most 60 s): their first try after
        // Pulsar is back may come a while after.
        load.until(() -> load.accepting() || Duration.between(healthy, Instant.now()).toSeconds() > 75, Expect.EITHER);
        assertThat(load.accepting()).as("the gateway accepts events again within 75 s of Pulsar's return").isTrue();
        Instant recovered = Instant.now();
        load.during(Duration.ofSeconds(10), Expect.ACCEPTED);
        load.resendDoubtful();
        assertConnected("after the restart");
        System.out.printf("Pulsar killed %d ms after the newest accepted event, healthy again after %d ms, the gateway "
                        + "accepting again %d ms later; %s%n", Duration.between(newestBeforeKill, killed).toMillis(),
                Duration.between(killed, healthy).toMillis(), Duration.between(healthy, recovered).toMillis(), load);

        // Pulsar kept every message it acknowledged: the audit subscription finds every accepted event on the topic.
        Set<String> onTopic = idsOnTopic();
        assertThat(onTopic).as("events on the topic after the restart").containsAll(load.events.acceptedIds());
        assertThat(load.events.acceptedIds()).as("accepted events").containsAll(onTopic);
        // The chunk holding the events Pulsar acknowledged just before it was killed is in Druid, and every answer is
        // exact: nothing Pulsar acknowledged was lost, nothing sent twice was stored twice.
        Instant killedChunk = CLOCK.start(newestBeforeKill);
        await("chunk " + killedChunk + " handed off and exact answers").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(STORED.read().orElseThrow().watermark()).isAfter(killedChunk);
                    load.events.assertExact(gateway.countAndSum(NAMES.table(), load.events.name()));
                });
        // Druid serves exactly the accepted events before the watermark (late handoffs carry the events of a closed
        // chunk that were accepted only when sent again).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HandoffState state = STORED.read().orElseThrow();
            Totals cold = ENGINES.druid("name = '" + load.events.name() + "' AND "
                    + DruidChunks.during(from, state.watermark()) + " AND handoff_seq <= " + state.seq());
            assertThat(STORED.read().orElseThrow()).isEqualTo(state);
            assertThat(state.seq()).isPositive();
            assertThat(cold).isEqualTo(load.events.within(from, state.watermark()));
        });
    }

    /** A client of the throwaway Pulsar (statistics off: they need sketches-core 0.8, the classpath has 0.9). */
    private static PulsarClient client() throws PulsarClientException {
        return PulsarClient.builder().serviceUrl(PULSAR.serviceUrl()).statsInterval(0, TimeUnit.SECONDS).build();
    }

    /**
     * Subscribes the test to the gateway's topic before any event is sent, and leaves: the subscription keeps every
     * message for {@link #idsOnTopic} (a topic without retention drops what all its subscriptions have read).
     */
    private static void subscribeAudit() throws PulsarClientException {
        try (PulsarClient client = client(); Consumer<byte[]> consumer = client.newConsumer().topic(NAMES.topic())
                .subscriptionName(AUDIT).subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .subscribe()) {
            assertThat(consumer.isConnected()).isTrue();
        }
    }

    /** The ids of the events of every message on the topic, read through the audit subscription. */
    private static Set<String> idsOnTopic() throws Exception {
        Set<String> ids = new HashSet<>();
        try (PulsarClient client = client(); Consumer<byte[]> consumer = client.newConsumer().topic(NAMES.topic())
                .subscriptionName(AUDIT).subscribe()) {
            for (Message<byte[]> message = consumer.receive(5, TimeUnit.SECONDS); message != null;
                    message = consumer.receive(5, TimeUnit.SECONDS)) {
                // The gateway publishes JSON arrays of complete events (MetricEventWriter).
                JSON.readTree(message.getData()).forEach(event -> ids.add(event.path("id").asText()));
                consumer.acknowledge(message);
            }
        }
        return ids;
    }

    /** The throwaway broker, not the stack's, has the gateway's producer and its consumer on the subscription. */
    private static void assertConnected(String when) throws Exception {
        try (HttpEndpoint admin = new HttpEndpoint(PULSAR.webUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            await("the gateway's producer and consumer on the throwaway Pulsar " + when).atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        JsonNode stats = JSON.readTree(admin.get("admin/v2/persistent/public/default/" + NAMES.topic()
                                + "/stats"));
                        assertThat(stats.path("publishers").size()).as("producers").isEqualTo(1);
                        assertThat(stats.path("subscriptions").path(NAMES.subscription()).path("consumers").size())
                                .as("consumers").isEqualTo(1);
                    });
        }
    }

    /** Posts batches one after another, checking every answer, and counts what happened. */
    private static final class Load {
        private final AcceptedEvents events;
        private final TreeSet<String> refusals = new TreeSet<>();
        private final List<Duration> answerTimes = new ArrayList<>();
        private int acceptedRequests;
        private int refusedRequests;
        private int resent;
        private boolean lastWasAccepted;
        private Instant newestAccepted = Instant.EPOCH;

        Load(AcceptedEvents events) {
            this.events = events;
        }

        void during(Duration duration, Expect expect) {
            Instant end = Instant.now().plus(duration);
            until(() -> !Instant.now().isBefore(end), expect);
        }

        /**
         * Posts new batches until {@code done}; after each accepted one, sends the batches in doubt again (same ids).
         * Every answer of the hybrid table is checked.
         */
        void until(BooleanSupplier done, Expect expect) {
            do {
                if (send(events.next(), expect)) {
                    for (Batch doubtful : events.inDoubt()) {
                        resent++;
                        send(doubtful, expect);
                    }
                }
                events.check(gateway.countAndSum(NAMES.table(), events.name()));
            } while (!done.getAsBoolean());
        }

        /** Sends every batch in doubt again: all must be accepted now. */
        void resendDoubtful() {
            for (Batch doubtful : events.inDoubt()) {
                resent++;
                send(doubtful, Expect.ACCEPTED);
            }
            events.check(gateway.countAndSum(NAMES.table(), events.name()));
        }

        /**
         * Sends a first batch and asks a first count, without limits on the time they take: the gateway's first
         * request and query are slow (code not compiled yet, the producer created on first use).
         */
        void warmUp() {
            Batch batch = events.next();
            given().config(WITHIN).baseUri(gateway.uri()).contentType(ContentType.JSON).body(batch.events())
                    .post("/api/v1/metrics").then().statusCode(202);
            events.accept(batch);
            events.check(gateway.countAndSum(NAMES.table(), events.name()));
        }

        /** Whether the latest request was accepted. */
        boolean accepting() {
            return lastWasAccepted;
        }

        /** The time of the newest accepted event. */
        Instant newestAccepted() {
            return newestAccepted;
        }

        /** Posts one batch: 202 with every event accepted, or 503 ENGINE_UNAVAILABLE (then the batch is in doubt). */
        private boolean send(Batch batch, Expect expect) {
            long start = System.nanoTime();
            Response answer = given().config(WITHIN).baseUri(gateway.uri()).contentType(ContentType.JSON)
                    .body(batch.events()).post("/api/v1/metrics");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            answerTimes.add(took);
            assertThat(took).as("answered within the publish timeout, not hanging")
                    .isLessThan(PUBLISH_TIMEOUT.plusSeconds(5));
            assertThat(answer.statusCode()).as("202 or 503: %s", answer.asString()).isIn(202, 503);
            lastWasAccepted = answer.statusCode() == 202;
            if (lastWasAccepted) {
                assertThat(answer.jsonPath().getInt("accepted")).isEqualTo(batch.events().size());
                events.accept(batch);
                acceptedRequests++;
                newestAccepted = batch.at().isAfter(newestAccepted) ? batch.at() : newestAccepted;
            } else {
                assertThat(answer.jsonPath().getString("error.code")).isEqualTo("ENGINE_UNAVAILABLE");
                String message = answer.jsonPath().getString("error.message");
                String prefix = "Pulsar at " + PULSAR.serviceUrl() + " did not store the messages for topic '"
                        + NAMES.topic() + "': ";
                assertThat(message).startsWith(prefix);
                refusals.add(message.substring(prefix.length()));
                events.doubt(batch);
                refusedRequests++;
            }
            switch (expect) {
                case ACCEPTED -> assertThat(answer.statusCode()).as("accepted while Pulsar runs: %s", answer.asString())
                        .isEqualTo(202);
                case REFUSED -> assertThat(answer.statusCode()).as("refused while Pulsar is down").isEqualTo(503);
                case EITHER -> {
                    // Pulsar is starting: either answer is right.
                }
            }
            return lastWasAccepted;
        }

        @Override
        public String toString() {
            return acceptedRequests + " requests accepted, " + refusedRequests + " refused (" + refusals + "), "
                    + resent + " sent again; slowest answer "
                    + answerTimes.stream().max(Duration::compareTo).orElse(Duration.ZERO).toMillis() + " ms";
        }
    }
}
