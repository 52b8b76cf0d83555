package dev.junction.cache;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The cache's Ignite node is killed mid-run: queries keep answering from the engines with the same rows, say
 * {@code bypass}, and health shows the cache DEGRADED; when a node answers again the cache is used again.
 */
@QuarkusTest
@TestProfile(ThrowawayIgniteProfile.class)
class CacheWhenIgniteStopsIT {
    private static final String SQL = "select orderstatus, count(*) as n from druid.orders"
            + " group by orderstatus order by orderstatus";
    private static final List<List<Object>> ROWS = List.of(List.of("F", 7304), List.of("O", 7333),
            List.of("P", 363));

    @Test
    void queriesAnswerFromTheEnginesWhileIgniteIsDownAndUseTheCacheWhenItIsBack() {
        // A node just started may answer the gateway's first connection too late (it then reconnects by itself).
        await("the cache connected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().when().get("/api/v1/cache/stats").then().statusCode(200).extract()
                        .jsonPath().getString("state").equals("up"));
        JsonPath miss = query();
        JsonPath hit = query();
        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        assertThat(hit.getList("rows")).isEqualTo(ROWS);

        ThrowawayIgniteProfile.NODE.kill();

        JsonPath first = query();
        JsonPath second = query();
        for (JsonPath answer : List.of(first, second)) {
            assertThat(answer.getString("metadata.cache")).isEqualTo("bypass");
            assertThat(answer.getList("rows")).isEqualTo(ROWS);
            assertThat(answer.getList("metadata.fragments.engine")).containsExactly("druid");
        }
        given().when().get("/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'cache' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'cache' }.data.state", equalTo("DEGRADED"))
                .body("checks.find { it.name == 'cache' }.data.error", startsWith("Ignite at 127.0.0.1:10900 "));
        given().when().get("/api/v1/cache/stats").then().statusCode(200)
                .body("state", equalTo("down"))
                .body("entries", equalTo(null));

        ThrowawayIgniteProfile.NODE.start();

        // A new node is empty: once the gateway has reconnected, the query is a miss, then a hit.
        await("the cache used again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> query().getString("metadata.cache").equals("hit"));
        given().when().get("/health/well").then()
                .body("checks.find { it.name == 'cache' }.status", equalTo("UP"));
    }

    private static JsonPath query() {
        return given().contentType(ContentType.JSON).body(Map.of("sql", SQL)).when().post("/api/v1/query")
                .then().statusCode(200).extract().jsonPath();
    }
}
