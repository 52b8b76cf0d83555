package dev.junction.ingest.handoff;

import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.AcceptedEvents.Batch;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A gateway started while Pulsar is down consumes once Pulsar comes up, without a restart (docs/metrics.md,
 * "Ingest"): the built gateway as a process over a throwaway Pulsar standalone ({@link ThrowawayPulsar}) that is
 * started only after it, with names of its own (metrics-pdown-it, METRICS.POINTS_PDOWN_IT, points_pdown_it,
 * metrics.points_pdown_it). Meanwhile REST refuses events with 503 and /health says NOT_CONSUMING; afterwards every
 * accepted event counts exactly once and /health says the standby consumer runs.
 */
class PulsarDownAtStartIT {
    private static final IngestNames NAMES = new IngestNames("pdown");
    private static final ChunkClock CLOCK = IngestNames.CLOCK;
    private static final ThrowawayPulsar PULSAR = new ThrowawayPulsar();
    private static final StoredHandoff STORED = StackEngines.storedHandoff(NAMES);
    private static final HandoffEngines ENGINES = StackEngines.handoffEngines(NAMES);
    private static GatewayProcess gateway;

    @RegisterExtension
    static final FailureLogs LOGS = new FailureLogs(() -> Stream.concat(PULSAR.logFiles().stream(),
            gateway == null ? Stream.empty() : gateway.logFiles().stream()).toList());

    @BeforeAll
    static void noPulsarAndAFreshTable() throws Exception {
        PULSAR.kill();
        PULSAR.deleteData();
        STORED.forget();
        ENGINES.freshHot();
        gateway = new GatewayProcess(18197, NAMES.settings(Map.of("junction.ingest.pulsar-url", PULSAR.serviceUrl())),
                StackEngines.METADATA_URL, Path.of("target", "pulsar-down-at-start"));
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
    void aGatewayStartedWithoutPulsarConsumesOncePulsarIsUp() throws Exception {
        AcceptedEvents events = new AcceptedEvents("it.pdown." + UUID.randomUUID().toString().substring(0, 8),
                "pdown-1", CLOCK);
        gateway.start();
        assertThat(ingestCheck().getString("state")).isEqualTo("NOT_CONSUMING");
        given().baseUri(gateway.uri()).contentType(ContentType.JSON).body(events.next().events())
                .post("/api/v1/metrics").then().statusCode(503).body("error.code", equalTo("ENGINE_UNAVAILABLE"));

        PULSAR.start();
        // The REST producer and the standby consumer reconnect on their own (every 5 s at most).
        await("the gateway accepts events").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Batch batch = events.next();
                    boolean accepted = post(batch) == 202;
                    if (accepted) {
                        events.accept(batch);
                    }
                    return accepted;
                });
        for (int i = 0; i < 20; i++) {
            Batch batch = events.next();
            assertThat(post(batch)).isEqualTo(202);
            events.accept(batch);
        }

        await("every accepted event counted once").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> events.assertExact(gateway.countAndSum(NAMES.table(), events.name())));
        JsonPath ingest = ingestCheck();
        assertThat(ingest.getString("state")).isEqualTo("RUNNING");
        assertThat(ingest.getString("consumer")).isEqualTo("standby");
    }

    private static int post(Batch batch) {
        return given().baseUri(gateway.uri()).contentType(ContentType.JSON).body(batch.events())
                .post("/api/v1/metrics").statusCode();
    }

    /** The data of the ingest check in /health. */
    private static JsonPath ingestCheck() {
        return given().baseUri(gateway.uri()).get("/health").jsonPath()
                .setRootPath("checks.find { it.name == 'ingest' }.data");
    }
}
