package dev.junction.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The Druid HTTP APIs the loader needs: SQL at the broker, native batch tasks at the overlord. */
final class DruidClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TASK_DEADLINE = Duration.ofMinutes(10);
    private static final Duration QUERYABLE_DEADLINE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String coordinator;
    private final String broker;

    DruidClient(String coordinator, String broker) {
        this.coordinator = coordinator;
        this.broker = broker;
    }

    /** The first row of a SQL query as an array, or empty when Druid refuses it (e.g. no such datasource yet). */
    Optional<JsonNode> firstRow(String sql) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("query", sql).put("resultFormat", "array");
        HttpResponse<String> response = http.send(post(broker + "/druid/v2/sql", body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode rows = JSON.readTree(response.body());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Rows in a datasource, 0 when it does not exist. */
    long count(String datasource) throws IOException, InterruptedException {
        return firstRow("SELECT COUNT(*) FROM \"" + datasource + "\"").map(row -> row.get(0).asLong()).orElse(0L);
    }

    /** Submits a task and waits until it succeeded; fails with Druid's error message otherwise. */
    void runTask(JsonNode task) throws IOException, InterruptedException {
        HttpResponse<String> submitted = http.send(post(coordinator + "/druid/indexer/v1/task", task),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 200) {
            throw new IOException("Druid refused the ingestion task (HTTP " + submitted.statusCode() + "): "
                    + submitted.body());
        }
        String id = JSON.readTree(submitted.body()).path("task").asText();
        long deadline = System.nanoTime() + TASK_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(
                    URI.create(coordinator + "/druid/indexer/v1/task/" + id + "/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode state = JSON.readTree(status.body()).path("status");
            switch (state.path("status").asText()) {
                case "SUCCESS" -> {
                    return;
                }
                case "FAILED" -> throw new IOException("Druid task " + id + " failed: "
                        + state.path("errorMsg").asText("no message") + " (log: " + coordinator
                        + "/druid/indexer/v1/task/" + id + "/log)");
                default -> Thread.sleep(1000);
            }
        }
        throw new IOException("Druid task " + id + " did not finish within " + TASK_DEADLINE.toMinutes() + " minutes (log: "
                + coordinator + "/druid/indexer/v1/task/" + id + "/log)");
    }

    /** Waits until the broker answers with the expected row count: the historical has loaded the segments. */
    void awaitCount(String datasource, long expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUERYABLE_DEADLINE.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = count(datasource);
            if (seen == expected) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IOException("Druid datasource " + datasource + " has " + seen + " queryable rows, expected " + expected
                + " after " + QUERYABLE_DEADLINE.toMinutes() + " minutes");
    }

    private static HttpRequest post(String url, JsonNode body) throws IOException {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }
}
