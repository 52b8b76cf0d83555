package dev.junction.stack;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/** /health against the real local stack: every engine is probed for real and reports UP with its version. */
@QuarkusTest
class HealthIT {
    @Test
    void everyEngineIsUpWithItsVersion() {
        given().when().get("/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.findAll { it.name.startsWith('engine:') }", hasSize(5))
                .body("checks.findAll { it.name.startsWith('engine:') }.status", everyItem(equalTo("UP")))
                .body("checks.find { it.name == 'engine:trino' }.data.version", equalTo("476"))
                .body("checks.find { it.name == 'engine:druid' }.data.version", equalTo("33.0.0"))
                .body("checks.find { it.name == 'engine:pulsar' }.data.version", equalTo("4.0.8"))
                .body("checks.find { it.name == 'engine:ignite' }.data.version",
                        org.hamcrest.Matchers.startsWith("2.17.0"))
                .body("checks.find { it.name == 'engine:postgres' }.data.version",
                        org.hamcrest.Matchers.startsWith("15."))
                .body("checks.find { it.name == 'engine:trino' }.data.round_trip_ms", greaterThanOrEqualTo(0))
                .body("checks.find { it.name == 'engine:druid' }.data.roles", equalTo("timeseries"));
    }

    @Test
    void engineChecksAreWellnessChecksNotReadiness() {
        given().when().get("/health/ready")
                .then().statusCode(200)
                .body("checks.findAll { it.name.startsWith('engine:') }", hasSize(0));
        given().when().get("/health/well")
                .then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.containsInAnyOrder("cache", "ingest", "engine:druid", "engine:ignite",
                        "engine:postgres", "engine:pulsar", "engine:trino"))
                // Tests of other features run without the result cache (application.properties, %test).
                .body("checks.find { it.name == 'cache' }.data.state", equalTo("DISABLED"));
    }
}
