package dev.junction.ingest.handoff;

import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.path.json.config.JsonPathConfig;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one metric name that a test posts to a gateway process, with ids of their own (a batch sent again is
 * stored once), and those the gateway accepted: the truth its answers are checked against. Each batch is five
 * events at one time, valued 1, 2, 3, … in order, so that every count and sum is known exactly.
 */
final class AcceptedEvents {
    /** Events posted in one request: {@code size} events at one time, valued {@code first}, {@code first + 1}, …. */
    record Batch(Instant at, long first, List<Map<String, Object>> events) {
        Totals totals() {
            long last = first + events.size() - 1;
            return new Totals(events.size(), (first + last) * events.size() / 2.0);
        }
    }

    final String name;
    private final String host;
    private final ChunkClock clock;
    private final List<Batch> accepted = new ArrayList<>();
    private long value;
    private Totals answered = new Totals(0, 0);

    /**
     * @param name the metric name, unique to the run
     * @param host the {@code host} tag of every event
     */
    AcceptedEvents(String name, String host, ChunkClock clock) {
        this.name = name;
        this.host = host;
        this.clock = clock;
    }

    Batch next() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> batch = new ArrayList<>();
        long first = value + 1;
        for (int i = 0; i < 5; i++) {
            value++;
            batch.add(Map.of("id", name + "-" + value, "name", name, "type", "count", "value", value,
                    "tags", Map.of("host", host), "timestamp", at.toString()));
        }
        return new Batch(at, first, batch);
    }

    void accept(Batch batch) {
        accepted.add(batch);
    }

    /** The accepted events of {@code [start, end)}. */
    Totals within(Instant start, Instant end) {
        return accepted.stream().filter(batch -> !batch.at().isBefore(start) && batch.at().isBefore(end))
                .map(Batch::totals).reduce(new Totals(0, 0), Totals::plus);
    }

    /** Every accepted event. */
    Totals all() {
        return within(Instant.EPOCH, Instant.MAX);
    }

    /** How many chunks of {@code [start, end)} hold accepted events. */
    long chunks(Instant start, Instant end) {
        return accepted.stream().map(Batch::at).filter(at -> !at.isBefore(start) && at.isBefore(end))
                .map(clock::start).distinct().count();
    }

    /** An answer never counts more than was accepted, nor fewer than an earlier answer. */
    void check(List<BigDecimal> answer) {
        Totals now = checkAtMostAccepted(answer);
        assertThat(now.count()).as("never fewer than an earlier answer").isGreaterThanOrEqualTo(answered.count());
        assertThat(now.sum()).as("never less than an earlier answer").isGreaterThanOrEqualTo(answered.sum());
        answered = now;
    }

    /** An answer never counts more than was accepted (no event twice); returns it. */
    Totals checkAtMostAccepted(List<BigDecimal> answer) {
        Totals all = all();
        Totals now = new Totals(answer.get(0).longValueExact(), answer.get(1) == null ? 0 : answer.get(1).doubleValue());
        assertThat(now.count()).as("never more than accepted").isLessThanOrEqualTo(all.count());
        assertThat(now.sum()).as("never more than accepted").isLessThanOrEqualTo(all.sum());
        return now;
    }

    void assertExact(List<BigDecimal> answer) {
        Totals all = all();
        assertThat(answer.get(0)).isEqualByComparingTo(BigDecimal.valueOf(all.count()));
        assertThat(answer.get(1)).isEqualByComparingTo(BigDecimal.valueOf((long) all.sum()));
    }

    /** Posts a batch to the gateway at {@code uri}; fails unless all of it is accepted. */
    static void post(String uri, Batch batch) {
        int accepted = given().baseUri(uri).contentType(ContentType.JSON).body(batch.events())
                .post("/api/v1/metrics").then().statusCode(202).extract().path("accepted");
        assertThat(accepted).isEqualTo(batch.events().size());
    }

    /** COUNT and SUM of this metric through the hybrid table, as exact decimals (JsonPath's floats hold 24 bits). */
    List<BigDecimal> countAndSum(String uri, String table) {
        Response response = query(uri, table);
        response.then().statusCode(200);
        return countAndSum(response);
    }

    /** COUNT and SUM as {@link #countAndSum}, or empty while the gateway answers with an error. */
    Optional<List<BigDecimal>> answer(String uri, String table) {
        Response response = query(uri, table);
        return response.statusCode() == 200 ? Optional.of(countAndSum(response)) : Optional.empty();
    }

    private Response query(String uri, String table) {
        return given().baseUri(uri).contentType(ContentType.JSON)
                .body(Map.of("sql", "select count(*), sum(\"value\") from " + table + " where name = ?",
                        "parameters", List.of(name), "cache", false))
                .post("/api/v1/query");
    }

    private static List<BigDecimal> countAndSum(Response response) {
        return response.jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getList("rows[0]", BigDecimal.class);
    }
}
