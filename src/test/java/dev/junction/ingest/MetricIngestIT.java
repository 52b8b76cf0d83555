package dev.junction.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.pulsar.PulsarConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Metric events from REST and from the topic into the hot table of the stack's Ignite, through the stack's Pulsar,
 * with the topic, dead-letter topic and hot table of {@code junction.ingest.*}.
 */
@QuarkusTest
@TestProfile(IngestEnabledProfile.class)
class MetricIngestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LANDS_WITHIN = Duration.ofSeconds(90);

    @Inject
    IngestConfig config;
    @Inject
    IngestMetrics metrics;
    @Inject
    ConnectorRegistry connectors;

    private final String run = "mi-" + UUID.randomUUID();
    private PulsarClient pulsar;
    private HotTableQueries hot;

    @BeforeEach
    void connect() throws Exception {
        // Statistics off: they need sketches-core 0.8, and the gateway's classpath has Calcite's 0.9.
        pulsar = PulsarClient.builder().serviceUrl(config.pulsarUrl()).statsInterval(0, TimeUnit.SECONDS).build();
        hot = new HotTableQueries(config.igniteAddress(), HotTable.of(config));
    }

    @AfterEach
    void close() throws Exception {
        pulsar.close();
    }

    private String event(String id, String name, double value) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"sum\",\"value\":" + value
                + ",\"tags\":{\"service\":\"it\"}}";
    }

    @Test
    void postedEventsBecomeHotRowsAndInvalidOnesAreAnsweredPerItem() {
        String name = "it." + run;
        String body = "[" + event(run + "-a", name, 1.5) + ","
                + "{\"name\":\"" + name + "\",\"value\":3}," // no type
                + "{\"name\":\"" + name + "\",\"type\":\"count\",\"value\":2.5}," // id generated
                + "{\"name\":\"" + name + "\",\"type\":\"count\",\"value\":1,\"timestamp\":\"yesterday\"},"
                + event(run + "-b", name, 4) + "]";
        List<String> ids = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/metrics")
                .then().statusCode(202)
                .body("accepted", equalTo(3)).body("rejected", equalTo(2))
                .body("errors.index", contains(1, 3))
                .body("errors.code", contains("INVALID_METRIC", "INVALID_METRIC"))
                .body("errors[0].message", equalTo("type: is required; one of count, sum, average, min, max,"
                        + " percentile, rate, unique"))
                .body("errors[1].message", equalTo("timestamp: 'yesterday' is not an ISO-8601 instant such as"
                        + " \"2026-12-01T10:15:30Z\" (epoch seconds or milliseconds as a number work too)"))
                .body("ids", hasSize(3))
                .extract().jsonPath().getList("ids", String.class);
        assertThat(ids.get(0)).isEqualTo(run + "-a");
        assertThat(ids.get(2)).isEqualTo(run + "-b");
        assertThat(UUID.fromString(ids.get(1))).isNotNull();

        given().contentType(ContentType.JSON).body("{\"events\":[" + event(run + "-c", name, 10) + "]}")
                .when().post("/api/v1/metrics/ingest")
                .then().statusCode(202).body("accepted", equalTo(1)).body("rejected", equalTo(0))
                .body("errors", hasSize(0)).body("ids", contains(run + "-c"));
        given().contentType(ContentType.JSON).body(event(run + "-d", name, 100)).when().post("/api/v1/metrics")
                .then().statusCode(202).body("ids", contains(run + "-d"));

        await().atMost(LANDS_WITHIN).untilAsserted(() -> assertThat(hot.countAndSum("NAME = ?", name))
                .containsEntry("N", 5L).containsEntry("TOTAL", 118.0));
    }

    @Test
    void aReplayedEventLeavesOneRow() throws Exception {
        String id = run + "-replayed";
        try (Producer<byte[]> producer = pulsar.newProducer().topic(config.topic()).create()) {
            byte[] message = event(id, "it.replay", 7).getBytes(StandardCharsets.UTF_8);
            producer.send(message);
            await().atMost(LANDS_WITHIN).until(() -> hot.count("EVENT_ID = ?", id) == 1);
            long written = metrics.eventsWritten();
            producer.send(message);
            // Written again (the counter counts every write of this gateway: others may add to it meanwhile) and
            // acknowledged: the subscription holds no message any more.
            HttpEndpoint admin = ((PulsarConnector) connectors.get(config.streamConnector())).admin();
            await().atMost(LANDS_WITHIN).untilAsserted(() -> {
                assertThat(metrics.eventsWritten()).isGreaterThan(written);
                JsonNode subscription = JSON.readTree(admin.get("admin/v2/persistent/public/default/" + config.topic()
                        + "/stats")).path("subscriptions").path(config.subscription());
                assertThat(subscription.path("msgBacklog").asLong(-1)).as("backlog").isZero();
                assertThat(subscription.path("unackedMessages").asLong(-1)).as("unacknowledged").isZero();
            });
        }
        assertThat(hot.countAndSum("EVENT_ID = ?", id)).containsEntry("N", 1L).containsEntry("TOTAL", 7.0);
    }

    @Test
    void tenThousandMalformedEventsAllGoToTheDeadLetterTopicAndTheConsumerKeepsRunning() throws Exception {
        int total = 10_000;
        Map<String, String> expectedReasons = Map.of(
                "text", "payload: is not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false')",
                "no-type", "type: is required; one of count, sum, average, min, max, percentile, rate, unique",
                "bad-value", "value: must be a finite number, got \"lots\"",
                "bad-name", "name: '1bad' is not a metric name: a letter or '_', then letters, digits, '_', '.', ':'"
                        + " or '-', at most " + config.maxNameLength() + " characters");
        List<String> kinds = List.of("text", "no-type", "bad-value", "bad-name");
        try (Consumer<byte[]> dead = pulsar.newConsumer().topic(config.deadLetterTopic())
                .subscriptionName("it-" + run).subscriptionInitialPosition(SubscriptionInitialPosition.Latest)
                .subscribe();
                Producer<byte[]> producer = pulsar.newProducer().topic(config.topic()).enableBatching(true)
                        .blockIfQueueFull(true).create()) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String id = run + "-" + i;
                String payload = switch (kinds.get(i % 4)) {
                    case "text" -> "not json " + id;
                    case "no-type" -> "{\"id\":\"" + id + "\",\"name\":\"it.bad\",\"value\":1}";
                    case "bad-value" -> "{\"id\":\"" + id + "\",\"name\":\"it.bad\",\"type\":\"count\",\"value\":\"lots\"}";
                    default -> "[{\"id\":\"" + id + "\",\"name\":\"1bad\",\"type\":\"count\",\"value\":1}]";
                };
                sends.add(producer.sendAsync(payload.getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            Set<Integer> seen = new HashSet<>();
            List<Integer> records = new ArrayList<>();
            Map<String, Integer> byReason = new HashMap<>();
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                // Everything that has arrived, then whether all are in.
                for (Message<byte[]> message = dead.receive(200, TimeUnit.MILLISECONDS); message != null;
                        message = dead.receive(200, TimeUnit.MILLISECONDS)) {
                    JsonNode record = JSON.readTree(message.getData());
                    dead.acknowledge(message);
                    String payload = record.get("payload").isTextual() ? record.get("payload").asText()
                            : record.get("payload").toString();
                    int marker = payload.indexOf(run + "-");
                    if (marker >= 0) {
                        assertThat(record.get("code").asText()).isEqualTo("INVALID_METRIC");
                        assertThat(record.get("topic").asText()).isEqualTo(config.topic());
                        String number = payload.substring(marker + run.length() + 1).replaceAll("[^0-9].*", "");
                        int i = Integer.parseInt(number);
                        assertThat(record.get("reason").asText()).as("event %d", i)
                                .isEqualTo(expectedReasons.get(kinds.get(i % 4)));
                        seen.add(i);
                        records.add(i);
                        byReason.merge(kinds.get(i % 4), 1, Integer::sum);
                    }
                }
                return seen.size() == total;
            });
            assertThat(records).hasSize(total);
            assertThat(byReason).containsOnly(Map.entry("text", 2500), Map.entry("no-type", 2500),
                    Map.entry("bad-value", 2500), Map.entry("bad-name", 2500));

            producer.send(event(run + "-valid", "it.after.bad", 1).getBytes(StandardCharsets.UTF_8));
            await().atMost(LANDS_WITHIN).until(() -> hot.count("EVENT_ID = ?", run + "-valid") == 1);
            assertThat(hot.count("EVENT_ID LIKE ?", run + "-%")).isEqualTo(1);
        }
    }

    @Test
    void healthReportsTheRunningConsumer() {
        given().when().get("/health/well").then()
                .body("checks.find { it.name == 'ingest' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ingest' }.data.state", equalTo("RUNNING"))
                .body("checks.find { it.name == 'ingest' }.data.topic", equalTo(config.topic()))
                .body("checks.find { it.name == 'ingest' }.data.hot_table", equalTo(config.hotTable()));
    }
}
