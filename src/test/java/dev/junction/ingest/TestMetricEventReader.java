package dev.junction.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestMetricEventReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final MetricLimits LIMITS = new MetricLimits(Duration.ofMinutes(5), Duration.ofDays(7), 3, 10, 20,
            30, "default");

    private final MetricEventReader reader = new MetricEventReader(LIMITS);

    @Test
    void aCompleteEventIsReadWithEveryField() throws Exception {
        MetricEvent event = valid("""
                {"id": "e-1", "tenant": "acme", "name": "api.response.time", "type": "average", "value": 12.5,
                 "tags": {"host": "api-1", "status": 200}, "timestamp": "2026-12-01T09:59:00Z", "window": "1m"}""");
        assertThat(event).isEqualTo(new MetricEvent("e-1", "acme", "api.response.time", MetricType.AVERAGE, 12.5,
                Map.of("host", "api-1", "status", "200"), Instant.parse("2026-12-01T09:59:00Z"),
                Optional.of(Duration.ofMinutes(1))));
    }

    @Test
    void defaultsFillWhatTheProducerLeftOut() throws Exception {
        MetricEvent event = valid("{\"name\": \"jobs.done\", \"type\": \"COUNT\", \"value\": 3}");
        assertThat(event.tenant()).isEqualTo("default");
        assertThat(event.timestamp()).isEqualTo(NOW);
        assertThat(event.tags()).isEmpty();
        assertThat(event.window()).isEmpty();
        assertThat(event.id()).matches("[0-9a-f-]{36}");
        assertThat(event.type()).isEqualTo(MetricType.COUNT);
    }

    @Test
    void epochTimestampsAreSecondsOrMilliseconds() throws Exception {
        assertThat(valid("{\"name\": \"a\", \"type\": \"sum\", \"value\": 1, \"timestamp\": 1796119140}").timestamp())
                .isEqualTo(Instant.parse("2026-12-01T09:59:00Z"));
        assertThat(valid("{\"name\": \"a\", \"type\": \"sum\", \"value\": 1, \"timestamp\": 1796119140000}").timestamp())
                .isEqualTo(Instant.parse("2026-12-01T09:59:00Z"));
    }

    @Test
    void everyProblemIsReportedWithItsField() throws Exception {
        assertThat(problems("""
                {"name": "9lives", "type": "gauge", "value": "high", "tags": {"host": {"a": 1}},
                 "timestamp": "yesterday", "window": "-1m", "tenant": "a b"}""")).containsExactly(
                new MetricEventReader.Problem("name", "'9lives' is not a metric name: a letter or '_', then letters,"
                        + " digits, '_', '.', ':' or '-', at most 30 characters"),
                new MetricEventReader.Problem("type", "'gauge' is not a metric type; one of count, sum, average, min, max,"
                        + " percentile, rate, unique"),
                new MetricEventReader.Problem("value", "must be a finite number, got \"high\""),
                new MetricEventReader.Problem("tags.host", "must be a string, a number or a boolean"),
                new MetricEventReader.Problem("timestamp", "'yesterday' is not an ISO-8601 instant such as"
                        + " \"2026-12-01T10:15:30Z\" (epoch seconds or milliseconds as a number work too)"),
                new MetricEventReader.Problem("window", "must be a positive duration such as \"1m\" or \"30s\""),
                new MetricEventReader.Problem("tenant", "must be 1 to 64 letters, digits, '_', '.' or '-'"));
    }

    @Test
    void requiredFieldsAreNamed() throws Exception {
        assertThat(problems("{}")).containsExactly(
                new MetricEventReader.Problem("name", "is required, a string such as \"api.response.time\""),
                new MetricEventReader.Problem("type", "is required; one of count, sum, average, min, max, percentile,"
                        + " rate, unique"),
                new MetricEventReader.Problem("value", "is required, a number"));
        assertThat(problems("[1, 2]")).containsExactly(new MetricEventReader.Problem("event", "must be a JSON object"));
    }

    @Test
    void timestampsTooFarAheadOrBehindAreRefused() throws Exception {
        assertThat(problems("{\"name\": \"a\", \"type\": \"max\", \"value\": 1, \"timestamp\": \"2026-12-01T10:06:00Z\"}"))
                .containsExactly(new MetricEventReader.Problem("timestamp",
                        "2026-12-01T10:06:00Z is more than 5m in the future"));
        assertThat(problems("{\"name\": \"a\", \"type\": \"max\", \"value\": 1, \"timestamp\": \"2026-11-20T10:00:00Z\"}"))
                .containsExactly(new MetricEventReader.Problem("timestamp", "2026-11-20T10:00:00Z is more than 7d old"));
    }

    @Test
    void tagLimitsHold() throws Exception {
        assertThat(problems("{\"name\": \"a\", \"type\": \"min\", \"value\": 1,"
                + " \"tags\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}"))
                .containsExactly(new MetricEventReader.Problem("tags", "has 4 tags; at most 3"));
        assertThat(problems("{\"name\": \"a\", \"type\": \"min\", \"value\": 1,"
                + " \"tags\": {\"averyveryverylongkey\": 1, \"host\": \"" + "x".repeat(21) + "\"}}"))
                .containsExactly(
                        new MetricEventReader.Problem("tags", "'averyveryverylongkey' is not a tag name: a letter or"
                                + " '_', then letters, digits, '_', '.' or '-', at most 10 characters"),
                        new MetricEventReader.Problem("tags.host", "is 21 characters long; at most 20"));
    }

    @Test
    void nonFiniteValuesAreRefused() throws Exception {
        // JSON has no NaN or infinity literals; a number too large for a double is the way to send one.
        assertThat(problems("{\"name\": \"a\", \"type\": \"rate\", \"value\": 1e999}"))
                .containsExactly(new MetricEventReader.Problem("value", "must be a finite number, got Infinity"));
    }

    @Test
    void theReasonJoinsEveryProblem() throws Exception {
        MetricEventReader.Result result = reader.read(JSON.readTree("{\"type\": \"sum\", \"value\": true}"), NOW);
        assertThat(((MetricEventReader.Invalid) result).reason()).isEqualTo(
                "name: is required, a string such as \"api.response.time\"; value: must be a finite number, got true");
    }

    private MetricEvent valid(String json) throws Exception {
        MetricEventReader.Result result = reader.read(JSON.readTree(json), NOW);
        assertThat(result).isInstanceOf(MetricEventReader.Valid.class);
        return ((MetricEventReader.Valid) result).event();
    }

    private List<MetricEventReader.Problem> problems(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        MetricEventReader.Result result = reader.read(node, NOW);
        assertThat(result).isInstanceOf(MetricEventReader.Invalid.class);
        return ((MetricEventReader.Invalid) result).problems();
    }
}
