package dev.junction.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Engines that do not answer make /health DOWN and say why, while the gateway itself stays up. */
@QuarkusTest
@TestProfile(TestHealthWhenEnginesAreDown.UnreachableEngines.class)
class TestHealthWhenEnginesAreDown {
    /** Connector files whose engines listen nowhere. */
    public static class UnreachableEngines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("junction.connectors.dir", "src/test/resources/connectors-unreachable");
        }
    }

    @Test
    void downEnginesAreReportedWithTheReason() {
        given().when().get("/health")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'engine:trino' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'engine:trino' }.data.error", containsString("refused"))
                .body("checks.find { it.name == 'engine:trino' }.data.version", nullValue())
                .body("checks.find { it.name == 'engine:druid' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'engine:druid' }.data.error", containsString("refused"));
    }

    @Test
    void gatewayItselfIsAliveAndReady() {
        given().when().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // Down engines are no reason to take the gateway out of a load balancer: it answers what they don't hold.
        given().when().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'engine:trino' }.status", equalTo("DOWN"));
    }
}
