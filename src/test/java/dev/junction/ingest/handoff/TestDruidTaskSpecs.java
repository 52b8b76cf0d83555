package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDruidTaskSpecs {
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant END = Instant.parse("2026-12-02T11:00:00Z");
    private final DruidTaskSpecs specs = new DruidTaskSpecs("points", "points_late", List.of("SERVICE", "host"),
            Duration.ofHours(1));

    @Test
    void chunkLengthsMapToDruidSegmentGranularities() {
        assertThat(DruidTaskSpecs.granularity(Duration.ofHours(1))).isEqualTo("HOUR");
        assertThat(DruidTaskSpecs.granularity(Duration.ofMinutes(1))).isEqualTo("MINUTE");
        assertThat(DruidTaskSpecs.granularity(Duration.ofMinutes(15))).isEqualTo("FIFTEEN_MINUTE");
        assertThat(DruidTaskSpecs.granularity(Duration.ofDays(1))).isEqualTo("DAY");
    }

    @Test
    void aChunkDruidHasNoGranularityForIsAConfigurationError() {
        assertThatThrownBy(() -> DruidTaskSpecs.granularity(Duration.ofMinutes(2)))
                .isInstanceOf(JunctionException.class)
                .hasMessage("junction.ingest.chunk=PT2M is no Druid segment granularity; use one of 1s, 1m, 5m, 10m, 15m,"
                        + " 30m, 1h, 6h, 8h, 1d")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
    }

    @Test
    void theRestOfAChunkAfterAnEarlierShorterChunksWatermarkGetsTheLongestGranularityBothEndsAreBoundariesOf() {
        assertThat(specs.granularity(START, END)).isEqualTo("HOUR");
        assertThat(specs.granularity(START.plus(Duration.ofMinutes(30)), END)).isEqualTo("THIRTY_MINUTE");
        assertThat(specs.granularity(START.plus(Duration.ofMinutes(45)), END)).isEqualTo("FIFTEEN_MINUTE");
        assertThat(specs.granularity(START.plus(Duration.ofMinutes(32)), END)).isEqualTo("MINUTE");
        assertThat(specs.granularity(START.plusSeconds(90), END)).isEqualTo("SECOND");
        JsonNode task = specs.http("points", START.plus(Duration.ofMinutes(32)), END, List.of("http://gw/f-0.json"));
        assertThat(task.path("spec").path("dataSchema").path("granularitySpec").path("segmentGranularity").asText())
                .isEqualTo("MINUTE");
        // Never longer than the chunk: a day-long interval of hourly chunks is still written hour by hour.
        assertThat(specs.granularity(Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z")))
                .isEqualTo("HOUR");
    }

    @Test
    void aHandoffTaskReplacesExactlyItsChunkWithTheRowsOfItsFilesInOrder() {
        List<String> files = List.of("http://127.0.0.1:8080/api/v1/metrics/handoff/files/points-7-a-0.json",
                "http://127.0.0.1:8080/api/v1/metrics/handoff/files/points-7-a-1.json");

        JsonNode task = specs.http("points", START, END, files);

        JsonNode spec = task.path("spec");
        assertThat(task.path("type").asText()).isEqualTo("index_parallel");
        assertThat(spec.path("dataSchema").path("dataSource").asText()).isEqualTo("points");
        assertThat(spec.path("dataSchema").path("granularitySpec").path("segmentGranularity").asText()).isEqualTo("HOUR");
        assertThat(spec.path("dataSchema").path("granularitySpec").path("intervals").toString())
                .isEqualTo("[\"2026-12-02T10:00:00Z/2026-12-02T11:00:00Z\"]");
        assertThat(spec.path("ioConfig").path("appendToExisting").asBoolean()).isFalse();
        assertThat(spec.path("ioConfig").path("dropExisting").asBoolean()).isTrue();
        assertThat(spec.path("dataSchema").path("dimensionsSpec").path("dimensions").toString()).isEqualTo(
                "[\"tenant\",\"name\",\"type\",{\"type\":\"double\",\"name\":\"value\"},\"service\",\"host\",\"tags\","
                        + "{\"type\":\"long\",\"name\":\"window_ms\"},\"event_id\",{\"type\":\"long\",\"name\":\"handoff_seq\"}]");
        assertThat(spec.path("ioConfig").path("inputSource").toString()).isEqualTo("{\"type\":\"http\",\"uris\":[\""
                + files.get(0) + "\",\"" + files.get(1) + "\"]}");
        assertThat(spec.path("ioConfig").path("inputFormat").path("type").asText()).isEqualTo("json");
        assertThat(spec.path("tuningConfig").path("maxNumConcurrentSubTasks").asInt()).isEqualTo(1);
    }

    @Test
    void aLateHandoffCombinesDruidsRowsUpToTheSequenceWithTheStagedRowsInParallelMode() {
        JsonNode spec = specs.combining(START, END, 4, 5).path("spec");

        JsonNode delegates = spec.path("ioConfig").path("inputSource").path("delegates");
        assertThat(spec.path("ioConfig").path("inputSource").path("type").asText()).isEqualTo("combining");
        assertThat(delegates.get(0).toString()).isEqualTo("{\"type\":\"druid\",\"dataSource\":\"points\",\"interval\":"
                + "\"2026-12-02T10:00:00Z/2026-12-02T11:00:00Z\",\"filter\":{\"type\":\"range\",\"column\":\"handoff_seq\","
                + "\"matchValueType\":\"LONG\",\"upper\":4}}");
        assertThat(delegates.get(1).toString()).isEqualTo("{\"type\":\"druid\",\"dataSource\":\"points_late\",\"interval\":"
                + "\"2026-12-02T10:00:00Z/2026-12-02T11:00:00Z\",\"filter\":{\"type\":\"equals\",\"column\":\"handoff_seq\","
                + "\"matchValueType\":\"LONG\",\"matchValue\":5}}");
        assertThat(spec.path("tuningConfig").path("maxNumConcurrentSubTasks").asInt()).isEqualTo(2);
        assertThat(spec.path("ioConfig").path("dropExisting").asBoolean()).isTrue();
    }
}
