package dev.junction.api.rest;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.druid.DruidConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The seed APIs over a Druid datasource of metric points (the demo's seven days of history, druid.metrics),
 * checked against the same aggregates asked of Druid directly.
 */
@QuarkusTest
class MetricApisIT {
    @Inject
    ConnectorRegistry connectors;

    @Test
    void timeseriesBucketsEachMetricAsDruidDoes() throws SQLException {
        String lastDay = lastDemoDay();
        String interval = lastDay + "T00:00:00Z/" + LocalDate.parse(lastDay).plusDays(1) + "T00:00:00Z";
        JsonPath answer = given().contentType(ContentType.JSON).body(Map.of(
                        "datasource", "druid.metrics",
                        "metrics", List.of("api.requests.count", "system.cpu.usage"),
                        "intervals", List.of(interval),
                        "granularity", "hour",
                        "aggregation", "sum",
                        "filters", Map.of("service", List.of("api", "node"))))
                .post("/api/v1/query/timeseries")
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.getString("datasource")).isEqualTo("druid.metrics");
        assertThat(answer.getString("granularity")).isEqualTo("hour");
        assertThat(answer.getString("aggregation")).isEqualTo("sum");
        Map<String, Double> expected = druid("SELECT name, TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, 'PT1H')), SUM(\"value\")"
                + " FROM metrics WHERE __time >= TIMESTAMP '" + lastDay + " 00:00:00' AND __time < TIMESTAMP '"
                + LocalDate.parse(lastDay).plusDays(1) + " 00:00:00' AND name IN ('api.requests.count', 'system.cpu.usage')"
                + " GROUP BY 1, 2");
        assertThat(expected).hasSize(48);
        List<Map<String, Object>> series = answer.getList("series");
        assertThat(series).extracting(one -> one.get("metric")).containsExactly("api.requests.count", "system.cpu.usage");
        int points = 0;
        for (Map<String, Object> one : series) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> values = (List<Map<String, Object>>) one.get("points");
            assertThat(values).hasSize(24);
            for (Map<String, Object> point : values) {
                String key = one.get("metric") + "|" + Instant.parse((String) point.get("timestamp")).toEpochMilli();
                assertThat(((Number) point.get("value")).doubleValue()).as(key)
                        .isCloseTo(expected.get(key), within(1e-6 * Math.max(1, Math.abs(expected.get(key)))));
                points++;
            }
        }
        assertThat(points).isEqualTo(48);
        assertThat(answer.getList("metadata.query_ids")).hasSize(1);
    }

    @Test
    void metadataDescribesTheDatasource() throws SQLException {
        JsonPath answer = given().get("/api/v1/analytics/metadata/druid.metrics").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("time_column")).isEqualTo("__time");
        assertThat(answer.getLong("rows")).isEqualTo(14L * 7 * 1440);
        assertThat(answer.getList("dimensions")).containsExactly("endpoint", "host", "method", "name", "service",
                "status", "type");
        Map<String, Double> perMetric = druid("SELECT name, type, COUNT(*) FROM metrics GROUP BY 1, 2");
        List<Map<String, Object>> metrics = answer.getList("metrics");
        assertThat(metrics).hasSize(perMetric.size());
        for (Map<String, Object> metric : metrics) {
            assertThat(((Number) metric.get("rows")).doubleValue())
                    .isEqualTo(perMetric.get(metric.get("name") + "|" + metric.get("type")));
        }
        String lastDay = lastDemoDay();
        assertThat(answer.getString("max_time")).isEqualTo(lastDay + "T23:59:00Z");
        assertThat(answer.getString("min_time")).isEqualTo(LocalDate.parse(lastDay).minusDays(6) + "T00:00:00Z");
    }

    @Test
    void unknownDatasourcesAndFieldsAreCodedErrors() {
        given().get("/api/v1/analytics/metadata/druid.nothing_here").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("TABLE_NOT_FOUND"));
        given().get("/api/v1/analytics/metadata/tpch.nation").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("INVALID_REQUEST"));
        given().contentType(ContentType.JSON).body(Map.of("datasource", "druid.metrics", "metrics", "x",
                        "intervals", "2026-12-01T00:00:00Z/2026-12-02T00:00:00Z", "group_by", "region"))
                .post("/api/v1/query/timeseries").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("INVALID_REQUEST"));
    }

    /** The demo's last full day of metrics (the day before the loader ran). */
    private String lastDemoDay() throws SQLException {
        return druid("SELECT CAST(TIME_FLOOR(MAX(__time), 'P1D') AS VARCHAR), 'x', 0 FROM metrics").keySet()
                .iterator().next().substring(0, 10);
    }

    /** Rows of (key, key, number) from Druid as "key|key" → number. */
    private Map<String, Double> druid(String sql) throws SQLException {
        Map<String, Double> rows = new HashMap<>();
        try (Connection connection = ((DruidConnector) connectors.get("druid")).endpoint().open();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(result.getString(1) + "|" + result.getString(2), result.getDouble(3));
            }
        }
        return rows;
    }
}
