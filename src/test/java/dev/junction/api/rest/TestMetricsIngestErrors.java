package dev.junction.api.rest;

import dev.junction.ingest.IngestConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** The coded errors of metrics ingest: invalid events, bodies of no known shape, too large ones, Pulsar down. */
@QuarkusTest
@TestProfile(TestMetricsIngestErrors.PulsarDown.class)
class TestMetricsIngestErrors {
    /** A broker that listens nowhere, a quick publish deadline and a small body limit. */
    public static class PulsarDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("junction.ingest.pulsar-url", "pulsar://127.0.0.1:9",
                    "junction.ingest.publish-timeout", "2s",
                    "quarkus.http.limits.max-body-size", "4K");
        }
    }

    @Inject
    IngestConfig config;

    @Test
    void eventsPulsarDoesNotTakeAreAnswered503AndNotAccepted() {
        given().contentType(ContentType.JSON).body("{\"name\":\"api.requests\",\"type\":\"count\",\"value\":1}")
                .when().post("/api/v1/metrics")
                .then().statusCode(503)
                .body("error.code", equalTo("ENGINE_UNAVAILABLE"))
                .body("error.message", startsWith("Pulsar at pulsar://127.0.0.1:9 did not store the messages for topic '"
                        + config.topic() + "': "));
    }

    @Test
    void onlyInvalidEventsAreAnswered400PerItem() {
        given().contentType(ContentType.JSON)
                .body("[{\"name\":\"api.requests\",\"value\":1},{\"name\":\"api.requests\",\"type\":\"count\"}]")
                .when().post("/api/v1/metrics/ingest")
                .then().statusCode(400)
                .body("accepted", equalTo(0)).body("rejected", equalTo(2)).body("ids", hasSize(0))
                .body("errors.index", contains(0, 1))
                .body("errors[1].message", equalTo("value: is required, a number"))
                .body("error.code", equalTo("INVALID_METRIC"))
                .body("error.message", equalTo("All 2 metric events are invalid"));
    }

    @Test
    void bodiesOfNoKnownShapeAreInvalidRequests() {
        given().contentType(ContentType.JSON).body("42").when().post("/api/v1/metrics")
                .then().statusCode(400).body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("The body must be a metric event object, an array of them or"
                        + " {\"events\": [...]}"));
        given().contentType(ContentType.JSON).body("[]").when().post("/api/v1/metrics")
                .then().statusCode(400).body("error.message", equalTo("The request holds no metric events"));
        given().contentType(ContentType.JSON).body("{\"name\":").when().post("/api/v1/metrics")
                .then().statusCode(400).body("error.code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void bodiesOverTheLimitAreAnswered413WithACode() {
        String big = "[" + "{\"name\":\"api.requests\",\"type\":\"count\",\"value\":1},".repeat(200) + "{}]";
        given().contentType(ContentType.JSON).body(big).when().post("/api/v1/metrics")
                .then().statusCode(413).body("error.code", equalTo("REQUEST_TOO_LARGE"))
                .body("error.message", equalTo("The request body has " + big.length() + " bytes; at most 4096 are"
                        + " accepted (quarkus.http.limits.max-body-size)"));
    }
}
