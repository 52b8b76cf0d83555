package dev.junction.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class TestRestErrors {
    @Test
    void unknownPathIsACodedJsonError() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/json")
                .body("error.code", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.number", equalTo(1012))
                .body("error.category", equalTo("user"))
                .body("error.message", equalTo("No such resource"));
    }

    @Test
    void capabilitiesListEveryConnectorWithRolesAndCapabilities() {
        given().when().get("/api/v1/analytics/capabilities")
                .then().statusCode(200)
                .body("engines.name", equalTo(java.util.List.of("druid", "ignite", "postgres", "pulsar", "trino")))
                .body("engines.find { it.name == 'druid' }.type", equalTo("druid"))
                .body("engines.find { it.name == 'druid' }.roles", equalTo(java.util.List.of("timeseries")))
                .body("engines.find { it.name == 'ignite' }.roles", equalTo(java.util.List.of("cache", "hot")))
                .body("engines.find { it.name == 'druid' }.capabilities", org.hamcrest.Matchers.hasItem("time_bucketing"))
                .body("engines.find { it.name == 'pulsar' }.capabilities",
                        equalTo(java.util.List.of("publish_subscribe")))
                .body("features.engine_health", equalTo(true))
                .body("features.federated_sql", equalTo(true));
    }

    @Test
    void openApiDocumentDescribesTheEndpoints() {
        given().when().get("/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/v1/analytics/capabilities"))
                .body(not(containsString("Exception")));
    }
}
