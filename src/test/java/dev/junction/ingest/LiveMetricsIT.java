package dev.junction.ingest;

import dev.junction.deploy.CommandRun;
import dev.junction.deploy.DeploymentTools;
import dev.junction.ingest.handoff.HandoffStates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole live path through the gateway's own APIs: events POSTed to /api/v1/metrics, read back through the
 * hybrid table metrics.points while the gateway's handoffs move their chunks to Druid (one-minute chunks in
 * tests), and through the seed APIs. Each test uses metric names of its own, so rows of other tests do not count.
 */
@QuarkusTest
@TestProfile(IngestEnabledProfile.class)
class LiveMetricsIT {
    @Inject
    IngestConfig config;
    @Inject
    HandoffStates states;

    /**
     * For over two chunks, events are posted every half second and the hybrid table is asked for their COUNT and
     * SUM after every post: an answer never exceeds what was accepted (no double count) and never falls below an
     * earlier answer (no gap, although chunks leave Ignite for Druid meanwhile); at the end it is exact, and
     * Druid holds the events of the chunks handed off.
     */
    @Test
    void everyAnswerWhileChunksMoveToDruidCountsEachAcceptedEventOnce() {
        String name = "it.live." + UUID.randomUUID().toString().substring(0, 8);
        long accepted = 0;
        double acceptedSum = 0;
        long lastCount = 0;
        int value = 0;
        Instant firstChunk = ChunkClock.of(config).start(Instant.now());
        long sequenceBefore = states.reload(config.table(), firstChunk).seq();
        Instant until = Instant.now().plus(config.chunk().multipliedBy(2)).plus(config.grace()).plusSeconds(15);
        List<Long> answers = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        while (Instant.now().isBefore(until)) {
            List<Map<String, Object>> events = new ArrayList<>();
            double sum = 0;
            Instant at = Instant.now();
            for (int i = 0; i < 5; i++) {
                value++;
                events.add(Map.of("name", name, "type", "count", "value", value, "tags", Map.of("host", "live-1"),
                        "timestamp", at.toString()));
                times.add(at);
                sum += value;
            }
            int status = given().contentType(ContentType.JSON).body(events).post("/api/v1/metrics")
                    .then().extract().statusCode();
            assertThat(status).isEqualTo(202);
            accepted += events.size();
            acceptedSum += sum;
            List<Object> row = countAndSum(name);
            long count = ((Number) row.get(0)).longValue();
            double total = row.get(1) == null ? 0 : ((Number) row.get(1)).doubleValue();
            assertThat(count).as("never more than accepted").isLessThanOrEqualTo(accepted);
            assertThat(total).as("never more than accepted").isLessThanOrEqualTo(acceptedSum);
            assertThat(count).as("never fewer than an earlier answer").isGreaterThanOrEqualTo(lastCount);
            lastCount = count;
            answers.add(count);
        }
        long expected = accepted;
        double expectedSum = acceptedSum;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Object> row = countAndSum(name);
            assertThat(((Number) row.get(0)).longValue()).isEqualTo(expected);
            assertThat(((Number) row.get(1)).doubleValue()).isEqualTo(expectedSum);
        });
        // At least two chunks went to Druid while the events came in.
        assertThat(states.reload(config.table(), firstChunk).seq()).isGreaterThanOrEqualTo(sequenceBefore + 2);
        // Druid holds exactly the events of the chunks before the watermark.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Instant watermark = states.reload(config.table(), firstChunk).watermark();
            long cold = ((Number) query(Map.of("sql", "select count(*) from druid.\"" + config.coldDatasource()
                    + "\" where name = ?", "parameters", List.of(name), "cache", false)).getList("rows[0]").get(0))
                    .longValue();
            assertThat(states.reload(config.table(), firstChunk).watermark()).isEqualTo(watermark);
            assertThat(cold).isEqualTo(times.stream().filter(time -> time.isBefore(watermark)).count());
        });
        assertThat(answers).as("answers were asked while events came in").hasSizeGreaterThan(100);
    }

    /**
     * The README's seed API examples over events of one metric, asked twice with the same answers: while the events
     * are live in Ignite, and again once their chunk is handed off and Druid holds them.
     */
    @Test
    void theSeedApisAnswerOverLiveEventsAndAgainOnceDruidHoldsThem() throws Exception {
        String name = "it.seed." + UUID.randomUUID().toString().substring(0, 8);
        // On a new Ignite the first round refills the hot table from Pulsar (docs/metrics.md, "Ignite restarts"):
        // events sent meanwhile queue behind the replayed ones.
        await("the hot table's refill done").atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(
                given().get("/api/v1/metrics/handoff").then().statusCode(200).extract().jsonPath().get("replay.done")));
        ChunkClock chunks = ChunkClock.of(config);
        // Sent early in a chunk, so that the four events fall in the open chunk and the first answers come from
        // Ignite well before that chunk's handoff.
        await().atMost(config.chunk()).pollInterval(Duration.ofMillis(200)).until(() -> {
            Duration into = Duration.between(chunks.start(Instant.now()), Instant.now());
            return into.compareTo(Duration.ofSeconds(5)) >= 0 && into.compareTo(config.chunk().dividedBy(2)) <= 0;
        });
        Instant now = Instant.now();
        List<Map<String, Object>> events = List.of(
                event(name, 10, "a", now.minusSeconds(3)), event(name, 20, "a", now.minusSeconds(2)),
                event(name, 5, "b", now.minusSeconds(3)), event(name, 7, "b", now.minusSeconds(1)));
        given().contentType(ContentType.JSON).body(events).post("/api/v1/metrics").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Object> row = countAndSum(name);
            assertThat(((Number) row.get(0)).longValue()).isEqualTo(4);
            assertThat(((Number) row.get(1)).doubleValue()).isEqualTo(42.0);
        });
        Instant watermark = assertSeedApis(name, now);
        assertThat(watermark).as("live: the events are after the watermark").isBeforeOrEqualTo(now.minusSeconds(3));

        await("the events' chunk handed off").atMost(config.chunk().plus(config.grace()).plus(Duration.ofMinutes(1)))
                .pollInterval(Duration.ofSeconds(1)).until(() ->
                        states.reload(config.table(), chunks.start(now)).watermark().isAfter(now));
        watermark = assertSeedApis(name, now);
        assertThat(watermark).as("handed off: the events are before the watermark").isAfter(now);
    }

    /**
     * Asks each seed API about the four events of {@link #theSeedApisAnswerOverLiveEventsAndAgainOnceDruidHoldsThem};
     * returns the watermark the structured query was answered with.
     */
    private Instant assertSeedApis(String name, Instant now) throws Exception {
        // Structured query: per host, summed; and the README's p95 per host (the sketches hold so few values exactly).
        JsonPath summed = query(Map.of("metrics", name, "aggregation", "sum", "group_by", List.of("host"),
                "time_range", "10m", "cache", false));
        assertThat(summed.getList("rows")).isEqualTo(List.of(List.of(name, "a", 30.0f), List.of(name, "b", 12.0f)));
        assertThat(query(Map.of("metrics", List.of(name), "aggregation", "p95", "group_by", List.of("host"),
                "time_range", "15m", "cache", false)).getList("rows"))
                .isEqualTo(List.of(List.of(name, "a", 20.0f), List.of(name, "b", 7.0f)));

        // Current values: the latest point of each host.
        JsonPath current = given().get("/api/v1/metrics/" + name + "/current").then().statusCode(200).extract().jsonPath();
        assertThat(current.getList("series.tags.host")).containsExactlyInAnyOrder("a", "b");
        assertThat(current.getFloat("series.find { it.tags.host == 'a' }.value")).isEqualTo(20.0f);
        assertThat(current.getFloat("series.find { it.tags.host == 'b' }.value")).isEqualTo(7.0f);

        // Timeseries: one bucket over the interval, counted.
        String interval = now.minusSeconds(600) + "/" + now.plusSeconds(60);
        JsonPath series = given().contentType(ContentType.JSON).body(Map.of("metrics", name, "intervals", interval,
                "granularity", "all", "aggregation", "count", "cache", false))
                .post("/api/v1/query/timeseries").then().statusCode(200).extract().jsonPath();
        assertThat(series.getString("datasource")).isEqualTo(config.table());
        assertThat(series.getInt("series[0].points[0].value")).isEqualTo(4);

        // Metadata: the metric is listed with its rows.
        JsonPath metadata = given().get("/api/v1/analytics/metadata/" + config.table()).then().statusCode(200)
                .extract().jsonPath();
        assertThat(metadata.getInt("metrics.find { it.name == '" + name + "' }.rows")).isEqualTo(4);

        // Prometheus: parsed back by the Prometheus project's parser.
        String text = given().get("/api/v1/export/prometheus").then().statusCode(200).extract().asString();
        Path file = Files.createTempFile("junction-live", ".prom");
        Files.writeString(file, text);
        String family = name.replace('.', '_');
        CommandRun parsed = CommandRun.of(Duration.ofMinutes(1), DeploymentTools.pythonWithPrometheusParser(), "-c",
                "import sys\nfrom prometheus_client.parser import text_string_to_metric_families\n"
                        + "for f in text_string_to_metric_families(open(sys.argv[1]).read()):\n"
                        + "    for s in f.samples:\n"
                        + "        if f.name == sys.argv[2]: print(f.type, s.labels['host'], s.value)\n",
                file.toString(), family);
        assertThat(parsed.exitCode()).as(parsed.describe()).isZero();
        assertThat(parsed.output().lines().sorted().toList()).containsExactly("gauge a 20.0", "gauge b 7.0");
        return Instant.parse(summed.getString("metadata.hybrid.watermark"));
    }

    /**
     * A structured query with {@code time_bucket}: its range ends at the bucket's start, so the requests of one
     * bucket ask the same range and the cache answers them; without a bucket each request's range ends at its own
     * millisecond, and none is answered from the cache.
     */
    @Test
    void aStructuredQueryWithATimeBucketEndsItsRangeAtTheBucketsStartAndHits() {
        String name = "it.bucket." + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(List.of(event(name, 10, "a", Instant.now().minusSeconds(3))))
                .post("/api/v1/metrics").then().statusCode(202);
        Map<String, Object> unbucketed = Map.of("metrics", name, "aggregation", "sum", "time_range", "10m");
        // 30 s: when this test runs first, the gateway's first plan of the hybrid table takes its time.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(query(unbucketed).getList("rows"))
                .isEqualTo(List.of(List.of(name, 10.0f))));
        Map<String, Object> bucketed = Map.of("metrics", name, "aggregation", "sum", "time_range", "10m",
                "time_bucket", "5s");
        // A fresh bucket, with 4 s to run: it starts after the event, whose time is then inside its range.
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(20))
                .until(() -> Math.floorMod(System.currentTimeMillis(), 5_000L) < 1_000L);
        Instant bucket = Instant.ofEpochMilli(System.currentTimeMillis() / 5_000L * 5_000L);

        JsonPath first = query(bucketed);
        JsonPath hit = await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> query(bucketed), answer -> "hit".equals(answer.getString("metadata.cache")));
        JsonPath once = query(unbucketed);
        JsonPath again = query(unbucketed);

        assertThat(first.getString("metadata.time_bucket")).isEqualTo(bucket.toString());
        assertThat(first.getList("rows")).isEqualTo(List.of(List.of(name, 10.0f)));
        assertThat(hit.getString("metadata.time_bucket")).isEqualTo(bucket.toString());
        assertThat(hit.getList("rows")).isEqualTo(List.of(List.of(name, 10.0f)));
        assertThat(once.getString("metadata.cache")).isEqualTo("miss");
        assertThat(again.getString("metadata.cache")).isEqualTo("miss");
        assertThat(again.getMap("metadata")).doesNotContainKey("time_bucket");
    }

    /**
     * Issue 6's invalidation through the real ingest path: the hot-store write bumps the data version of the hybrid
     * table's physical tables, so the cached answer is not served once the new event is stored.
     */
    @Test
    void anIngestedEventMakesTheNextCachedAnswerAMissWithTheNewRow() {
        String name = "it.cache." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> cached = Map.of("sql", "select count(*) from " + config.table() + " where name = ?",
                "parameters", List.of(name));
        given().contentType(ContentType.JSON).body(List.of(event(name, 1, "a", Instant.now())))
                .post("/api/v1/metrics").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> query(cached).getList("rows[0]").get(0).equals(1)
                && "hit".equals(query(cached).getString("metadata.cache")));

        given().contentType(ContentType.JSON).body(List.of(event(name, 2, "a", Instant.now())))
                .post("/api/v1/metrics").then().statusCode(202);
        JsonPath fresh = await().atMost(Duration.ofSeconds(10)).until(() -> query(cached), answer -> {
            Object count = answer.getList("rows[0]").get(0);
            assertThat(count).as("the stored answer until the event is written, then the new one").isIn(1, 2);
            return count.equals(2);
        });
        assertThat(fresh.getString("metadata.cache")).isEqualTo("miss");
    }

    private static Map<String, Object> event(String name, double value, String host, Instant at) {
        return Map.of("name", name, "type", "average", "value", value, "tags", Map.of("host", host),
                "timestamp", at.toString());
    }

    /**
     * COUNT and SUM, read as exact decimals: JsonPath's default floats hold 24 bits, and a sum past 16,777,216
     * would read rounded (16,880,955 read as 16,880,956 once).
     */
    private List<Object> countAndSum(String name) {
        return query(Map.of("sql", "select count(*), sum(\"value\") from " + config.table() + " where name = ?",
                "parameters", List.of(name), "cache", false))
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getList("rows[0]");
    }

    private static JsonPath query(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/query")
                .then().statusCode(200).extract().jsonPath();
    }
}
