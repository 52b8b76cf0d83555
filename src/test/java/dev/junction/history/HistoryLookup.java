package dev.junction.history;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Finds recorded queries through GET /api/v1/queries, waiting for the history's asynchronous writes. */
final class HistoryLookup {
    private HistoryLookup() {
    }

    /** The id of the failed query with exactly this SQL text, once the history shows it. */
    static String failedQueryId(String sql) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> given()
                .when().get("/api/v1/queries?state=failed&limit=1000")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("findAll { it.sql == \"" + sql + "\" }.query_id")
                .stream().findFirst().orElse(null), id -> id != null);
    }
}
