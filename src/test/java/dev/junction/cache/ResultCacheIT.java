package dev.junction.cache;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.trino.TrinoConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The result cache against the real engines and the stack's Ignite node. */
@QuarkusTest
@TestProfile(CacheEnabledProfile.class)
class ResultCacheIT {
    private static final List<List<Object>> ORDER_STATUSES = List.of(List.of("F", 7304), List.of("O", 7333),
            List.of("P", 363));

    @Inject
    ConnectorRegistry connectors;

    @Inject
    DataVersions versions;

    @Test
    void aHitAfterAMissHasTheSameRowsAndStartsNoFragment() {
        String sql = druidAggregate();
        JsonPath before = stats();

        JsonPath miss = query(Map.of("sql", sql));
        JsonPath hit = query(Map.of("sql", sql));

        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(miss.getLong("metadata.cache_age_ms")).isEqualTo(0L);
        assertThat(miss.getList("metadata.fragments.engine")).containsExactly("druid");
        assertThat(miss.getList("rows")).isEqualTo(ORDER_STATUSES);
        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        assertThat(hit.getList("metadata.fragments")).isEmpty();
        assertThat(hit.getList("rows")).isEqualTo(ORDER_STATUSES);
        assertThat(hit.getList("columns")).isEqualTo(miss.getList("columns"));
        assertThat(hit.getString("metadata.shape")).isEqualTo(miss.getString("metadata.shape"));
        assertThat(hit.getLong("metadata.row_count")).isEqualTo(3L);
        assertThat(hit.getLong("metadata.cache_age_ms")).isBetween(0L, 30_000L);
        JsonPath after = stats();
        assertThat(after.getLong("hits") - before.getLong("hits")).isEqualTo(1L);
        // The answer this gateway wrote is in its near copy: the hit needed no round trip to Ignite.
        assertThat(after.getLong("near_hits") - before.getLong("near_hits")).isEqualTo(1L);
        assertThat(after.getLong("misses") - before.getLong("misses")).isEqualTo(1L);
        assertThat(after.getLong("stores") - before.getLong("stores")).isEqualTo(1L);
    }

    @Test
    void cacheFalseBypassesAndStoresNothing() {
        String sql = druidAggregate();

        JsonPath bypass = query(Map.of("sql", sql, "cache", false));
        JsonPath miss = query(Map.of("sql", sql));

        assertThat(bypass.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(bypass.getString("metadata.cache_age_ms")).isNull();
        assertThat(bypass.getList("metadata.fragments.engine")).containsExactly("druid");
        assertThat(bypass.getList("rows")).isEqualTo(ORDER_STATUSES);
        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
    }

    @Test
    void aNonDeterministicQueryBypasses() {
        String sql = "select count(*) as n, current_timestamp as t from druid.orders where orderkey <> " + marker();

        JsonPath first = query(Map.of("sql", sql));
        JsonPath second = query(Map.of("sql", sql));

        assertThat(first.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getLong("rows[0][0]")).isEqualTo(15000L);
    }

    @Test
    void aQueryCallingRandBypassesAlsoWhenTheGatewayComputesRand() {
        // Druid has no RAND: the gateway filters Druid's rows.
        String sql = "select count(*) as n from druid.orders where rand() < 2 and orderkey <> " + marker();
        JsonPath before = stats();

        JsonPath first = query(Map.of("sql", sql));
        JsonPath second = query(Map.of("sql", sql));

        assertThat(first.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getString("metadata.cache")).isEqualTo("bypass");
        assertThat(second.getList("metadata.fragments.engine")).containsExactly("druid");
        assertThat(second.getLong("rows[0][0]")).isEqualTo(15000L);
        assertThat(stats().getLong("stores")).isEqualTo(before.getLong("stores"));
    }

    @Test
    void aBumpMovesTheVersionByOneFromARandomFirstVersion() {
        String table = "druid.cache_bump_" + UUID.randomUUID().toString().replace("-", "");

        long first = versions.version(table);

        assertThat(versions.version(table)).isEqualTo(first);
        assertThat(versions.bump(table)).isEqualTo(first + 1);
        assertThat(versions.bump(table)).isEqualTo(first + 2);
        assertThat(versions.version(table)).isEqualTo(first + 2);
    }

    @Test
    void bumpingALogicalTableBumpsItsPhysicalTableAndTheNextQueryIsAMiss() {
        String sql = "select count(*) as n from cachetest.items where id <> " + marker();
        query(Map.of("sql", sql));
        JsonPath hit = query(Map.of("sql", sql));
        long version = versions.version("ignite." + IgniteTestTable.TABLE);

        assertThat(versions.bump("cachetest.items")).isEqualTo(version + 1);
        JsonPath miss = query(Map.of("sql", sql));

        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(miss.getList("metadata.fragments.engine")).containsExactly("ignite");
        assertThat(miss.getList("rows")).isEqualTo(hit.getList("rows"));
        assertThat(versions.version("ignite." + IgniteTestTable.TABLE)).isEqualTo(version + 1);
    }

    @Test
    void aChangeOutsideJunctionMakesTheNextQueryAMissWithTheNewRows() {
        String table = "ignite." + IgniteTestTable.TABLE;
        long version = versions.version(table);
        assertThat(versions.bump(table)).isEqualTo(version + 1);
        String sql = "select count(*) as n, sum(v) as total from ignite.PUBLIC.JUNCTION_CACHE_IT";

        JsonPath miss = query(Map.of("sql", sql));
        JsonPath hit = query(Map.of("sql", sql));
        IgniteTestTable.execute("INSERT INTO " + IgniteTestTable.TABLE + " (ID, V) VALUES (4, 40)");

        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(miss.getList("rows")).isEqualTo(List.of(List.of(3, 60)));
        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        assertThat(hit.getList("rows")).isEqualTo(List.of(List.of(3, 60)));
        // Within the refresh interval (1 s here) the old answer may still be served; then the refresh key sees
        // the new row, the table's version moves, and the query runs again.
        await("a miss with the inserted row").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> query(Map.of("sql", sql)).getString("metadata.cache").equals("miss"));
        JsonPath after = query(Map.of("sql", sql));
        assertThat(after.getString("metadata.cache")).isEqualTo("hit");
        assertThat(after.getList("rows")).isEqualTo(List.of(List.of(4, 100)));
        assertThat(versions.version(table)).isGreaterThanOrEqualTo(version + 2);
    }

    /**
     * Another gateway bumps a table's version in Ignite (here: a thin client of the test's own): the continuous
     * query reports it to this gateway's near copy, and the answer it holds is not served again.
     */
    @Test
    void aVersionAnotherGatewayWritesReachesTheNearCopy() {
        String sql = druidAggregate();
        query(Map.of("sql", sql));
        JsonPath hit = query(Map.of("sql", sql));
        long version = versions.version("druid.orders");

        try (IgniteClient other = Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:10800"))) {
            assertThat(other.<String, Object>cache("junction_results").replace(DataVersions.key("druid.orders"),
                    Long.toString(version), Long.toString(version + 1))).isTrue();
        }

        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        List<JsonPath> later = new ArrayList<>();
        await("the other gateway's version seen").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonPath answer = query(Map.of("sql", sql));
                    later.add(answer);
                    return answer.getString("metadata.cache").equals("miss");
                });
        assertThat(later.getLast().getList("metadata.fragments.engine")).containsExactly("druid");
        assertThat(later.getLast().getList("rows")).isEqualTo(ORDER_STATUSES);
        assertThat(query(Map.of("sql", sql)).getString("metadata.cache")).isEqualTo("hit");
        assertThat(versions.version("druid.orders")).isEqualTo(version + 1);
    }

    @Test
    void anEntryExpiresWithItsClassTtl() {
        String sql = druidAggregate();

        JsonPath miss = query(Map.of("sql", sql, "mode", "realtime"));
        JsonPath hit = query(Map.of("sql", sql, "mode", "realtime"));

        assertThat(miss.getString("metadata.cache")).isEqualTo("miss");
        assertThat(hit.getString("metadata.cache")).isEqualTo("hit");
        // The realtime class lives 2 s in this profile: Ignite drops the entry, and the query runs again.
        List<JsonPath> later = new ArrayList<>();
        await("the entry expired").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonPath answer = query(Map.of("sql", sql, "mode", "realtime"));
                    later.add(answer);
                    return answer.getString("metadata.cache").equals("miss");
                });
        JsonPath again = later.getLast();
        assertThat(again.getList("rows")).isEqualTo(ORDER_STATUSES);
        assertThat(again.getList("metadata.fragments.engine")).containsExactly("druid");
    }

    @Test
    void concurrentIdenticalQueriesRunTheEngineOnce() throws Exception {
        String marker = "cache-stampede-" + UUID.randomUUID();
        // sf1.customer has 150,000 generated rows: Trino takes seconds, so the requests arrive while it counts.
        String sql = "select count(*) as n from trino.tpch.sf1.customer where comment <> '" + marker + "'";
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<JsonPath>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return query(Map.of("sql", sql));
                }));
            }
            start.countDown();
            Map<String, Integer> byCache = new HashMap<>();
            for (Future<JsonPath> answer : answers) {
                JsonPath json = answer.get();
                assertThat(json.getList("rows")).isEqualTo(List.of(List.of(150_000)));
                byCache.merge(json.getString("metadata.cache"), 1, Integer::sum);
            }
            assertThat(byCache).isEqualTo(Map.of("miss", 1, "hit", clients - 1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(trinoQueriesContaining(marker)).isEqualTo(1L);
    }

    @Test
    void statsAndHealthShowTheCacheUp() {
        JsonPath stats = stats();

        assertThat(stats.getString("state")).isEqualTo("up");
        assertThat(stats.getString("ignite")).isEqualTo("127.0.0.1:10800");
        assertThat(stats.getMap("ttl_seconds")).isEqualTo(Map.of("anomaly", 0, "batch", 300, "dashboard", 30,
                "ml", 300, "realtime", 2));
        given().when().get("/health/well").then()
                .body("checks.find { it.name == 'cache' }.status", org.hamcrest.Matchers.equalTo("UP"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("junction_cache_requests_total{result=\"hit\"}",
                "junction_cache_requests_total{result=\"miss\"}", "junction_cache_requests_total{result=\"bypass\"}",
                "junction_cache_evictions_total", "junction_cache_written_bytes_total", "junction_cache_entries",
                "junction_cache_up 1.0", "junction_cache_near_hits_total", "junction_cache_near_entries");
    }

    /** A Druid aggregate no other test asks: a filter no row fails makes its text, and so its key, unique. */
    private static String druidAggregate() {
        return "select orderstatus, count(*) as n from druid.orders where orderkey <> " + marker()
                + " group by orderstatus order by orderstatus";
    }

    private static long marker() {
        return -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    private static JsonPath query(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/query")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath stats() {
        return given().when().get("/api/v1/cache/stats").then().statusCode(200).extract().jsonPath();
    }

    private long trinoQueriesContaining(String marker) throws SQLException {
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM system.runtime.queries"
                        + " WHERE query LIKE ? AND query NOT LIKE '%system.runtime.queries%'")) {
            statement.setString(1, "%" + marker + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
