package dev.junction.api.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /api/v1/query with {@code Accept: application/x-ndjson} or {@code text/csv} against the real engines: rows
 * streamed as the engines produce them, a coded JSON error when the query fails before its first row.
 */
@QuarkusTest
class QueryStreamIT {
    @Test
    void ndjsonHasOneObjectPerRowKeyedByColumnName() {
        Response response = stream("application/x-ndjson", Map.of("sql",
                "select orderkey, orderdate, totalprice, orderstatus from tpch.orders where orderkey <= 3 order by orderkey"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/x-ndjson");
        String queryId = response.header("X-Junction-Query-Id");
        assertThat(queryId).hasSize(36);
        assertThat(response.header("X-Junction-Cache")).isEqualTo("bypass");
        assertThat(response.asString()).isEqualTo("""
                {"orderkey":1,"orderdate":"1996-01-02","totalprice":172799.49,"orderstatus":"O"}
                {"orderkey":2,"orderdate":"1996-12-01","totalprice":38426.09,"orderstatus":"O"}
                {"orderkey":3,"orderdate":"1993-10-14","totalprice":205654.3,"orderstatus":"F"}
                """);
        // The stream's end ended the query.
        given().when().get("/api/v1/queries").then().statusCode(200)
                .body("findAll { it.query_id == '" + queryId + "' && it.state == 'running' }", empty());
    }

    @Test
    void csvHasAHeaderAndQuotesFieldsWithSeparators() {
        Response response = stream("text/csv", Map.of("sql",
                "select nationkey, name, comment from trino.tpch.tiny.nation where nationkey in (3, 5) order by nationkey"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(response.asString()).isEqualTo("nationkey,name,comment\r\n"
                + "3,CANADA,\"eas hang ironic, silent packages. slyly regular packages are furiously over the tithes."
                + " fluffily bold\"\r\n"
                + "5,ETHIOPIA,ven packages wake quickly. regu\r\n");
    }

    @Test
    void aStreamIsNotCappedByTheJsonRowLimitButHonoursMaxRows() {
        List<String> all = stream("application/x-ndjson", Map.of("sql", "select orderkey, linenumber from tpch.lineitem"))
                .asString().lines().toList();
        assertThat(all).hasSize(60175).doesNotHaveDuplicates();

        List<String> five = stream("text/csv", Map.of("sql", "select orderkey from tpch.lineitem", "max_rows", 5))
                .asString().lines().toList();
        assertThat(five).hasSize(6).first().isEqualTo("orderkey");
    }

    /**
     * A client that reads nothing holds the query back: the gateway writes only what the sockets' buffers take
     * (Quarkus' output stream waits while the connection's write queue is full), and reads from the engine only a
     * few fetches ahead of that, instead of taking the whole result into memory.
     */
    @Test
    void aClientThatReadsNothingHoldsTheStreamBack() throws Exception {
        String sql = "select * from tpch.lineitem where orderkey > -1";
        try (RawNdjsonStream ignored = RawNdjsonStream.open(
                URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/query"),
                "{\"sql\": \"" + sql + "\", \"cache\": false}", 4096)) {

            // Wait until the rows written stop growing for two seconds, then check they are a fraction of all.
            long[] last = {-1};
            long[] stableSince = {System.nanoTime()};
            Map<String, Object> stalled = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> runningQuery(sql), running -> {
                        if (running == null) {
                            return false;
                        }
                        long written = ((Number) running.get("row_count")).longValue();
                        if (written != last[0]) {
                            last[0] = written;
                            stableSince[0] = System.nanoTime();
                        }
                        return written > 0 && System.nanoTime() - stableSince[0] > Duration.ofSeconds(2).toNanos();
                    });
            assertThat(stalled.get("state")).isEqualTo("running");
            long written = ((Number) stalled.get("row_count")).longValue();
            @SuppressWarnings("unchecked")
            long read = ((List<Map<String, Object>>) stalled.get("fragments")).stream()
                    .mapToLong(fragment -> ((Number) fragment.get("rows")).longValue()).sum();
            assertThat(written).isLessThan(60175 / 2);
            assertThat(read).isLessThan(60175 / 2);
        }
    }

    private static Map<String, Object> runningQuery(String sql) {
        List<Map<String, Object>> running = given().queryParam("state", "running").get("/api/v1/queries")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return running.stream().filter(query -> sql.equals(query.get("sql"))).findFirst().orElse(null);
    }

    @Test
    void aQueryThatFailsBeforeItsFirstRowGetsACodedJsonError() {
        given().contentType(ContentType.JSON).accept("text/csv")
                .body(Map.of("sql", "select colour from trino.tpch.tiny.nation"))
                .when().post("/api/v1/query")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("COLUMN_NOT_FOUND"))
                .body("error.message", equalTo("Column 'colour' not found in any table (line 1, column 8)"));
    }

    @Test
    void explainAnswersInJsonOnly() {
        given().contentType(ContentType.JSON).accept("application/x-ndjson")
                .body(Map.of("sql", "select 1", "explain", true))
                .when().post("/api/v1/query")
                .then().statusCode(400)
                .body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("EXPLAIN answers in JSON only; ask with Accept: application/json"));
    }

    private static Response stream(String accept, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).accept(accept).body(body).when().post("/api/v1/query");
    }
}
