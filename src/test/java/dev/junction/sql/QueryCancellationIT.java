package dev.junction.sql;

import dev.junction.connector.ConnectorRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Timeouts and cancellation reach the engine: after either, the engine itself reports its statement as
 * cancelled (Trino) or no longer running (Ignite). Trino's tpch connector generates sf100/sf300 data on the fly,
 * and a three-way join of Ignite's customers has billions of combinations: both keep an engine busy for minutes.
 */
@QuarkusTest
class QueryCancellationIT {
    @Inject
    ConnectorRegistry connectors;

    @TestHTTPResource("/api/v1/query")
    URI queryEndpoint;

    @Test
    void aQueryPastItsTimeoutEndsWithQueryTimeoutAndTrinoCancelsIt() {
        String queryId = given().contentType(ContentType.JSON)
                .body(Map.of("sql", "select sum(extendedprice) as s from trino.tpch.sf100.lineitem", "timeout", "2s"))
                .when().post("/api/v1/query")
                .then().statusCode(504)
                .body("error.code", equalTo("QUERY_TIMEOUT"))
                .body("error.message", equalTo("The query did not finish within its timeout of 2.0 s"))
                .extract().jsonPath().getString("error.queryId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("state", equalTo("timed_out"))
                .body("error_code", equalTo("QUERY_TIMEOUT"))
                .body("fragments.cancelled", org.hamcrest.Matchers.contains(true)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(trinoState("%\"sf100\".\"lineitem\"%")).contains(List.of("FAILED", "USER_CANCELED")));
    }

    @Test
    void deletingARunningQueryCancelsItInTrino() throws Exception {
        String sql = "select sum(quantity) as q from trino.tpch.sf300.lineitem";
        // Java's own HTTP client for the request that waits: RestAssured used from two threads at once for the
        // first time deadlocks in Groovy's class initialization.
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(queryEndpoint).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"sql\": \"" + sql + "\", \"timeout\": \"5m\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        // GET /api/v1/queries lists it as running with the id DELETE takes (earlier runs' are in the history too).
        String queryId = await().atMost(Duration.ofSeconds(60)).until(() -> given().when().get("/api/v1/queries")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("findAll { it.sql == '" + sql + "' && it.state == 'running' }.query_id")
                .stream().findFirst().orElse(null), id -> id != null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(trinoState("%\"sf300\".\"lineitem\"%")).contains(List.of("RUNNING", "")));

        given().when().delete("/api/v1/query/" + queryId)
                .then().statusCode(200)
                .body("query_id", equalTo(queryId))
                .body("state", equalTo("cancelled"));

        HttpResponse<String> cancelled = answer.get(30, TimeUnit.SECONDS);
        assertThat(cancelled.statusCode()).isEqualTo(409);
        JsonPath error = JsonPath.from(cancelled.body());
        assertThat(error.getString("error.code")).isEqualTo("QUERY_CANCELLED");
        assertThat(error.getString("error.message")).isEqualTo("Query " + queryId + " was cancelled");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(trinoState("%\"sf300\".\"lineitem\"%")).contains(List.of("FAILED", "USER_CANCELED")));
        given().when().get("/api/v1/queries?state=running").then().statusCode(200)
                .body("findAll { it.query_id == '" + queryId + "' }", org.hamcrest.Matchers.empty());
        // The history shows it cancelled, and every fragment cancelled on its engine.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("state", equalTo("cancelled"))
                .body("error_code", equalTo("QUERY_CANCELLED"))
                .body("sql", equalTo(sql))
                .body("fragments.engine", org.hamcrest.Matchers.contains("trino"))
                .body("fragments.cancelled", org.hamcrest.Matchers.contains(true)));
    }

    @Test
    void aQueryPastItsTimeoutEndsWithQueryTimeoutAndIgniteCancelsIt() throws Exception {
        // A three-way join of 1500 customers: billions of row combinations, minutes of work for Ignite.
        given().contentType(ContentType.JSON)
                .body(Map.of("sql", "select count(*) as n from ignite.TPCH.CUSTOMER a, ignite.TPCH.CUSTOMER b,"
                        + " ignite.TPCH.CUSTOMER c where a.ACCTBAL + b.ACCTBAL > c.ACCTBAL", "timeout", "3s"))
                .when().post("/api/v1/query")
                .then().statusCode(504)
                .body("error.code", equalTo("QUERY_TIMEOUT"))
                .body("error.message", equalTo("The query did not finish within its timeout of 3.0 s"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(igniteRunning("%CROSS JOIN%")).isZero());
    }

    @Test
    void deletingARunningQueryCancelsItInIgnite() throws Exception {
        String sql = "select count(*) as n from ignite.TPCH.CUSTOMER a, ignite.TPCH.CUSTOMER b,"
                + " ignite.TPCH.CUSTOMER c where a.ACCTBAL - b.ACCTBAL > c.ACCTBAL";
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(queryEndpoint).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"" + sql + "\", \"timeout\": \"5m\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(igniteRunning("%CROSS JOIN%")).isEqualTo(1));
        String queryId = given().when().get("/api/v1/queries").then().statusCode(200).extract().jsonPath()
                .getString("find { it.sql == '" + sql + "' }.query_id");

        given().when().delete("/api/v1/query/" + queryId).then().statusCode(200).body("state", equalTo("cancelled"));

        assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(igniteRunning("%CROSS JOIN%")).isZero());
    }

    private long igniteRunning(String pattern) throws SQLException {
        return EngineActivity.igniteRunning(connectors, pattern);
    }

    private Optional<List<String>> trinoState(String pattern) throws SQLException {
        return EngineActivity.trinoState(connectors, pattern);
    }
}
