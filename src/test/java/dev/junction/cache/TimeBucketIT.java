package dev.junction.cache;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Statements with current-time functions asked with {@code time_bucket}: cached for the bucket, against the real
 * Druid, Trino and Ignite of the stack. The gateway and this test read the same machine's clock, so the test knows
 * which bucket a request falls in.
 */
@QuarkusTest
@TestProfile(CacheEnabledProfile.class)
class TimeBucketIT {
    private static final List<List<Object>> ALL_ORDERS = List.of(List.of(15000, "1998-08-02T00:00:00"));
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void withinOneBucketAMissThenAHitWithTheSameRowsAndTheBucketsStartInTheDruidStatement() {
        String sql = druidUntilNow();
        Instant bucket = awaitBucketWithTimeLeft(Duration.ofHours(1), Duration.ofSeconds(30));

        JsonPath miss = query(Map.of("sql", sql, "time_bucket", "1h"));
        JsonPath hit = query(Map.of("sql", sql, "time_bucket", "1h"));

        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(miss.getString("metadata.time_bucket")).isEqualTo(bucket.toString());
        assertThat(miss.getList("rows")).isEqualTo(ALL_ORDERS);
        assertThat(miss.getList("metadata.fragments.engine")).containsExactly("druid");
        assertThat(miss.getString("metadata.fragments[0].sql"))
                .contains("\"__time\" < TIMESTAMP '" + LITERAL.format(LocalDateTime.ofInstant(bucket, ZoneOffset.UTC))
                        + "'")
                .doesNotContain("CURRENT_TIMESTAMP");
        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        assertThat(hit.getString("metadata.time_bucket")).isEqualTo(bucket.toString());
        assertThat(hit.getList("metadata.fragments")).isEmpty();
        assertThat(hit.getList("rows")).isEqualTo(ALL_ORDERS);
        assertThat(hit.getList("columns")).isEqualTo(miss.getList("columns"));
        assertThat(hit.getBoolean("metadata.plan_cached")).isTrue();
    }

    @Test
    void withoutABucketTheSameStatementBypassesAndItsAnswerHasNoBucket() {
        String sql = druidUntilNow();

        JsonPath first = query(Map.of("sql", sql));
        JsonPath second = query(Map.of("sql", sql));

        assertThat(first.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getList("rows")).isEqualTo(ALL_ORDERS);
        assertThat(second.getString("metadata.fragments[0].sql")).contains("\"__time\" < CURRENT_TIMESTAMP");
        assertThat(second.getMap("metadata")).doesNotContainKey("time_bucket");
    }

    @Test
    void theNextBucketMissesAgainWithItsOwnInstant() {
        // The same shape once, so that a cold gateway's first planning does not eat the bucket's time.
        query(Map.of("sql", druidUntilNow(), "time_bucket", "5s"));
        String sql = druidUntilNow();
        Duration width = Duration.ofSeconds(5);
        Instant bucket = awaitBucketWithTimeLeft(width, Duration.ofSeconds(4));

        JsonPath miss = query(Map.of("sql", sql, "time_bucket", "5s"));
        JsonPath hit = query(Map.of("sql", sql, "time_bucket", "5s"));
        Instant next = bucket.plus(width);
        await("the next 5 s bucket").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !Instant.now().isBefore(next));
        JsonPath nextMiss = query(Map.of("sql", sql, "time_bucket", "5s"));

        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        assertThat(hit.getString("metadata.time_bucket")).isEqualTo(bucket.toString());
        assertThat(nextMiss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(nextMiss.getString("metadata.time_bucket")).isEqualTo(next.toString());
        assertThat(nextMiss.getList("metadata.fragments.engine")).containsExactly("druid");
        assertThat(nextMiss.getList("rows")).isEqualTo(ALL_ORDERS);
    }

    @Test
    void randStillBypassesWithABucket() {
        String sql = "select count(*) as n from trino.tpch.tiny.orders where rand() < 2 and orderkey <> " + marker();

        JsonPath first = query(Map.of("sql", sql, "time_bucket", "1h"));
        JsonPath second = query(Map.of("sql", sql, "time_bucket", "1h"));

        assertThat(first.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getList("rows")).isEqualTo(List.of(List.of(15000)));
        assertThat(second.getList("metadata.fragments.engine")).containsExactly("trino");
    }

    @Test
    void aBucketThatIsNoPositiveDurationIsAnInvalidRequest() {
        for (String bucket : List.of("0s", "soon")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("sql", "select count(*) from druid.orders", "time_bucket", bucket))
                    .when().post("/api/v1/query")
                    .then().statusCode(400)
                    .body("error.code", equalTo("INVALID_REQUEST"))
                    .body("error.message", equalTo("time_bucket must be a positive duration such as \"10s\", \"1m\""
                            + " or \"1h\" (whole milliseconds), got \"" + bucket + "\""));
        }
    }

    /** A Druid count up to now that no other test asks: a filter no row fails makes its key unique. */
    private static String druidUntilNow() {
        return "select count(*) as n, max(__time) as latest from druid.orders where __time < current_timestamp"
                + " and orderkey <> " + marker();
    }

    private static long marker() {
        return -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /**
     * Waits, if needed, for a bucket of this width with at least {@code timeLeft} to run, so that the requests
     * that follow fall in it; returns its start.
     */
    private static Instant awaitBucketWithTimeLeft(Duration width, Duration timeLeft) {
        await("a bucket with " + timeLeft + " left").atMost(timeLeft.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    long now = System.currentTimeMillis();
                    return width.toMillis() - Math.floorMod(now, width.toMillis()) >= timeLeft.toMillis();
                });
        long now = System.currentTimeMillis();
        return Instant.ofEpochMilli(now - Math.floorMod(now, width.toMillis()));
    }

    private static JsonPath query(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/query")
                .then().statusCode(200).extract().jsonPath();
    }
}
