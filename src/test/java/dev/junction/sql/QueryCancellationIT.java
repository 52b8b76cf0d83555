package dev.junction.sql;

import dev.junction.api.rest.RawNdjsonStream;
import dev.junction.connector.ConnectorRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

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
    void aFragmentThatFailsEndsTheQueryAtOnceAndStopsTheOtherFragmentOnItsEngine() {
        // Ignite fails its fragment at once (a name is no integer); Trino's would run for far longer than the timeout,
        // so waiting for it before reporting Ignite's failure would end in QUERY_TIMEOUT instead.
        String sql = "select t.m, i.n from (select max(quantity) as m from trino.tpch.sf1000.lineitem) t"
                + " cross join (select sum(cast(NAME as integer)) as n from ignite.TPCH.NATION) i";
        String queryId = given().contentType(ContentType.JSON).body(Map.of("sql", sql, "timeout", "20s"))
                .when().post("/api/v1/query")
                .then().statusCode(502)
                .body("error.code", equalTo("ENGINE_ERROR"))
                .body("error.message", org.hamcrest.Matchers.startsWith("Engine 'ignite' failed the query: "))
                .extract().jsonPath().getString("error.queryId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("state", equalTo("failed"))
                .body("fragments.engine", org.hamcrest.Matchers.contains("trino", "ignite"))
                .body("fragments.state", org.hamcrest.Matchers.contains("stopped", "failed")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(trinoState("%\"sf1000\".\"lineitem\"%")).contains(List.of("FAILED", "USER_CANCELED")));
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

    @Test
    void deletingAStreamedQueryEndsItInDruid() throws Exception {
        String sql = "select * from druid.metrics where host <> 'cancel-test'";
        String queryId;
        try (DruidStream stream = DruidStream.open(queryEndpoint, sql, "5m")) {
            queryId = stream.queryId();
            String druidQueryId = stream.druidQueryId();
            // The client reads no further: Druid keeps the query open, waiting to hand over its remaining frames.
            assertThat(druidRequestLog(druidQueryId)).isEmpty();

            given().when().delete("/api/v1/query/" + stream.queryId())
                    .then().statusCode(200).body("state", equalTo("cancelled"));

            // Druid writes a query's request-log line when the query ends on the broker.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(druidRequestLog(druidQueryId)).hasValueSatisfying(line -> assertThat(line)
                            .contains("<> 'cancel-test'")));
            assertThat(stream.lastLine()).contains("\"code\":\"QUERY_CANCELLED\"");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("state", equalTo("cancelled"))
                .body("fragments.engine", org.hamcrest.Matchers.contains("druid"))
                .body("fragments.cancelled", org.hamcrest.Matchers.contains(true)));
    }

    @Test
    void aStreamedQueryPastItsTimeoutEndsInDruidWhileTheClientReadsNothing() throws Exception {
        String sql = "select * from druid.metrics where host <> 'timeout-test'";
        // A fresh gateway's first Druid query spends over 1 s loading and compiling before its first row (run
        // alone, this test timed out before any row): one query first, so that the timed one is not the first.
        given().contentType(ContentType.JSON).body(Map.of("sql", sql + " limit 1"))
                .when().post("/api/v1/query")
                .then().statusCode(200).body("rows", org.hamcrest.Matchers.hasSize(1));
        // 1 s: the first rows come within it, and Druid needs several seconds to hand over all 141,120 rows (over
        // 3 s a quiet machine had read them all, and the answer was complete before its deadline).
        try (DruidStream stream = DruidStream.open(queryEndpoint, sql, "1s")) {
            // Nobody reads rows, so only the gateway's own watch on the deadline can stop the query in Druid. (Not
            // checked first that Druid still runs it: on a loaded machine, finding its id took longer than 1 s.)
            String druidQueryId = stream.druidQueryId();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(druidRequestLog(druidQueryId)).isPresent());
            assertThat(stream.lastLine()).contains("\"code\":\"QUERY_TIMEOUT\"",
                    "\"message\":\"The query did not finish within its timeout of 1.0 s\"");
            // The deadline ended it, not its own end: Druid had handed over only part of the rows (the fragment's
            // rows; the query's row_count, rows sent to the client, is 0 for any query that timed out).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                    .get("/api/v1/queries/" + stream.queryId())
                    .then().statusCode(200)
                    .body("state", equalTo("timed_out"))
                    .body("fragments.cancelled", org.hamcrest.Matchers.contains(true))
                    .body("fragments[0].rows", lessThan(141_120)));
        }
    }

    /**
     * The line of Druid's request log (stack/druid/broker/runtime.properties) for the SQL query with this id: it
     * is written when the query ends on the broker.
     */
    private static Optional<String> druidRequestLog(String sqlQueryId) throws IOException {
        Path logs = Path.of(Optional.ofNullable(System.getenv("JUNCTION_STACK_DIR")).orElse(".stack"), "data", "druid",
                "request-logs");
        if (!Files.isDirectory(logs)) {
            throw new AssertionError("Druid's request log is not at " + logs.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    Optional<String> line = lines.filter(text -> text.contains("\"sqlQuery/time\"")
                            && text.contains("\"sqlQueryId\":\"" + sqlQueryId + "\"")).findFirst();
                    if (line.isPresent()) {
                        return line;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A query's rows streamed as NDJSON, of which the client reads only the first and then nothing until it asks
     * for the last line: the gateway, and so Druid, wait with the rest.
     */
    private record DruidStream(String queryId, RawNdjsonStream stream) implements AutoCloseable {
        static DruidStream open(URI endpoint, String sql, String timeout) throws IOException {
            // A 64 KiB window: what the client does not read stays in the gateway and in Druid.
            RawNdjsonStream stream = RawNdjsonStream.open(endpoint,
                    "{\"sql\": \"" + sql + "\", \"timeout\": \"" + timeout + "\"}", 64 * 1024);
            assertThat(stream.nextLine()).hasValueSatisfying(line -> assertThat(line).startsWith("{\"__time\":"));
            return new DruidStream(stream.header("X-Junction-Query-Id").orElseThrow(), stream);
        }

        /** The engine's id of the query's one fragment, once Druid started it. */
        String druidQueryId() {
            return await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/api/v1/queries/" + queryId)
                    .then().statusCode(200).extract().jsonPath().getString("fragments[0].engine_query_id"),
                    id -> id != null);
        }

        /** Reads the rest of the stream and returns its last line. */
        String lastLine() throws IOException {
            return stream.lastLine();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** How many statements Ignite is running now whose text matches the pattern. */
    private long igniteRunning(String pattern) throws SQLException {
        return EngineActivity.igniteRunning(connectors, pattern);
    }

    private Optional<List<String>> trinoState(String pattern) throws SQLException {
        return EngineActivity.trinoState(connectors, pattern);
    }
}
