package dev.junction.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.deploy.CommandRun;
import dev.junction.deploy.DeploymentTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The export, read back by the Prometheus project's own text-format parser (prometheus_client.parser). */
class TestPrometheusExport {
    private static final String PARSE = String.join("\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = []",
            "for family in text_string_to_metric_families(open(sys.argv[1]).read()):",
            "    for s in family.samples:",
            "        out.append({'family': family.name, 'type': family.type, 'help': family.documentation,",
            "                    'name': s.name, 'labels': s.labels, 'value': s.value, 'timestamp': s.timestamp})",
            "print(json.dumps(out))");

    @Test
    void theExportIsValidPrometheusTextFormat() throws Exception {
        Instant at = Instant.parse("2026-12-02T10:15:30.250Z");
        String text = PrometheusExport.write(List.of(
                new CurrentValues.Series("api.response.time", "average",
                        Map.of("tenant", "default", "endpoint", "/orders", "host", "api-1"), 123.5, at),
                new CurrentValues.Series("api.response.time", "average",
                        Map.of("tenant", "default", "endpoint", "/search \"beta\"", "host", "api-2"), 7.25, at.minusSeconds(5)),
                new CurrentValues.Series("9lives-ratio", "count", Map.of("tenant", "acme"), 42, at)));

        Path file = Files.createTempFile("junction-export", ".prom");
        Files.writeString(file, text);
        Path script = Files.createTempFile("junction-parse", ".py");
        Files.writeString(script, PARSE);
        CommandRun parsed = CommandRun.of(Duration.ofMinutes(1), DeploymentTools.pythonWithPrometheusParser(),
                script.toString(), file.toString());
        assertThat(parsed.exitCode()).as(parsed.describe()).isZero();

        JsonNode samples = new ObjectMapper().readTree(parsed.output());
        assertThat(samples).hasSize(3);
        assertThat(samples.get(0).get("family").asText()).isEqualTo("_9lives_ratio");
        assertThat(samples.get(0).get("type").asText()).isEqualTo("gauge");
        assertThat(samples.get(0).get("value").asDouble()).isEqualTo(42.0);
        assertThat(samples.get(0).get("labels").get("tenant").asText()).isEqualTo("acme");
        JsonNode first = samples.get(1);
        assertThat(first.get("name").asText()).isEqualTo("api_response_time");
        assertThat(first.get("help").asText()).isEqualTo("Latest value of Junction metric api.response.time (type average)");
        assertThat(first.get("labels").get("endpoint").asText()).isEqualTo("/orders");
        assertThat(first.get("labels").get("host").asText()).isEqualTo("api-1");
        assertThat(first.get("value").asDouble()).isEqualTo(123.5);
        // The text format carries milliseconds; the parser gives seconds.
        assertThat(first.get("timestamp").asDouble()).isEqualTo(at.toEpochMilli() / 1000.0);
        JsonNode second = samples.get(2);
        assertThat(second.get("labels").get("endpoint").asText()).isEqualTo("/search \"beta\"");
        assertThat(second.get("value").asDouble()).isEqualTo(7.25);
    }
}
