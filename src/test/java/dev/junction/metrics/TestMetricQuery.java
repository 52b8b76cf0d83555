package dev.junction.metrics;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMetricQuery {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final MetricQueryReader reader = new MetricQueryReader(Clock.fixed(NOW, ZoneOffset.UTC));
    private final MetricTable points = new MetricTable(List.of("metrics", "points"), "ts",
            Set.of("name", "type", "tenant", "host", "service"));

    @Test
    void aStructuredQueryBecomesOneParameterizedStatement() {
        MetricQuery query = reader.read(List.of("api.response.time", "api.requests.count"), "p95", "1m", null, null,
                "15m", List.of("host"), Map.of("service", "api"));
        MetricQuery.MetricSql sql = query.toSql(points);
        assertThat(sql.sql()).isEqualTo("SELECT FLOOR(\"ts\" TO MINUTE) AS \"time\", \"name\" AS \"metric\", \"host\","
                + " APPROX_QUANTILE(\"value\", 0.95) AS \"value\" FROM \"metrics\".\"points\""
                + " WHERE \"name\" IN (?, ?) AND \"ts\" >= ? AND \"ts\" < ? AND \"service\" IN (?)"
                + " GROUP BY FLOOR(\"ts\" TO MINUTE), \"name\", \"host\" ORDER BY 1, 2, 3");
        assertThat(sql.parameters()).containsExactly("api.response.time", "api.requests.count",
                "2026-12-02T09:45", "2026-12-02T10:00", "api");
    }

    @Test
    void withoutAWindowEachGroupIsOneRowOverTheRange() {
        MetricQuery query = reader.read("system.cpu.usage", null, null, "2026-12-01T00:00:00Z", 1796169600000L, null,
                null, null);
        assertThat(query.aggregation()).isEqualTo(Aggregation.AVG);
        assertThat(query.end()).isEqualTo(Instant.ofEpochMilli(1796169600000L));
        assertThat(query.toSql(points).sql()).isEqualTo("SELECT \"name\" AS \"metric\", AVG(\"value\") AS \"value\""
                + " FROM \"metrics\".\"points\" WHERE \"name\" IN (?) AND \"ts\" >= ? AND \"ts\" < ?"
                + " GROUP BY \"name\" ORDER BY 1");
    }

    @Test
    void mistakesAreNamedByField() {
        assertThatThrownBy(() -> reader.read(List.of(), null, null, null, null, null, null, null))
                .hasMessageContaining("\"metrics\" must name at least one metric");
        assertThatThrownBy(() -> reader.read("m", "median", null, null, null, null, null, null))
                .hasMessageContaining("Unknown aggregation 'median'; use one of avg, sum, count, min, max, p50");
        assertThatThrownBy(() -> reader.read("m", null, "7m", null, null, null, null, null))
                .hasMessageContaining("Unknown window '7m'");
        assertThatThrownBy(() -> reader.read("m", null, null, "yesterday", null, null, null, null))
                .hasMessageContaining("\"start_time\" must be an ISO-8601 time");
        assertThatThrownBy(() -> reader.read("m", null, null, "2026-12-02T11:00:00Z", null, null, null, null))
                .hasMessageContaining("The time range is empty");
        assertThatThrownBy(() -> reader.read("m", null, null, null, null, "soon", null, null))
                .hasMessageContaining("\"time_range\" must be a positive duration");
        assertThatThrownBy(() -> reader.read("m", null, null, null, null, null, "region", null).toSql(points))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("\"group_by\" names 'region', which table 'metrics.points' has no dimension of");
    }
}
