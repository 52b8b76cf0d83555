package dev.junction.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A query that needs an engine that does not answer fails with ENGINE_UNAVAILABLE naming the engine. */
@QuarkusTest
@TestProfile(TestHealthWhenEnginesAreDown.UnreachableEngines.class)
class TestQueriesWhenEnginesAreDown {
    @Test
    void aQueryOnADownTrinoNamesTrino() {
        given().contentType(ContentType.JSON).body(Map.of("sql", "select * from trino.tpch.tiny.nation"))
                .when().post("/api/v1/query")
                .then().statusCode(503)
                .body("error.code", equalTo("ENGINE_UNAVAILABLE"))
                .body("error.number", equalTo(2000))
                .body("error.message", startsWith("Engine 'trino' could not list its tables: "));
    }

    @Test
    void aQueryOnADownDruidNamesDruid() {
        given().contentType(ContentType.JSON).body(Map.of("sql", "select count(*) from druid.orders"))
                .when().post("/api/v1/query")
                .then().statusCode(503)
                .body("error.code", equalTo("ENGINE_UNAVAILABLE"))
                .body("error.message", startsWith("Engine 'druid' is unavailable: "));
    }
}
