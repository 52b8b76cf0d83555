package dev.junction.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seven days of per-minute metric history in the Druid datasource {@code metrics}: CPU of four hosts and the
 * request count, response time and errors of an API's endpoints, with a daily shape (quiet at night, busy in
 * the afternoon, UTC) and noise. Each value depends only on its series and minute, so the rows are the same
 * whenever they are generated.
 */
final class MetricHistory {
    static final int DAYS = 7;
    private static final String DATASOURCE = "metrics";
    private static final IndexTask TASK = new IndexTask(DATASOURCE, "ts")
            .dimension("name", "string").dimension("type", "string").dimension("value", "double")
            .dimension("service", "string").dimension("endpoint", "string").dimension("method", "string")
            .dimension("status", "string").dimension("host", "string");

    /**
     * One time series.
     *
     * @param name the metric name
     * @param type count, average or gauge
     * @param tags its tags (service, endpoint, method, status, host)
     * @param scale its typical size: requests per minute, milliseconds, percent
     */
    record Series(String name, String type, Map<String, String> tags, double scale) {
        String key() {
            return name + new TreeMap<>(tags);
        }
    }

    static final List<Series> SERIES = series();

    private final DruidClient druid;
    private final Path dataDir;
    private final Instant start;
    private final Instant end;

    MetricHistory(DruidClient druid, Path dataDir, LocalDate firstDay, LocalDate endDay) {
        this.druid = druid;
        this.dataDir = dataDir;
        this.start = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.end = endDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    long expectedRows() {
        return (end.getEpochSecond() - start.getEpochSecond()) / 60 * SERIES.size();
    }

    void load() throws Exception {
        Optional<JsonNode> present = druid.firstRow("SELECT COUNT(*), MIN(__time), MAX(__time) FROM \"" + DATASOURCE + "\"");
        String lastMinute = end.minusSeconds(60).toString().replace("Z", ".000Z");
        String firstMinute = start.toString().replace("Z", ".000Z");
        if (present.isPresent() && present.get().get(0).asLong() == expectedRows()
                && present.get().get(1).asText().equals(firstMinute) && present.get().get(2).asText().equals(lastMinute)) {
            DemoLoader.say(DATASOURCE + ": present in Druid (" + expectedRows() + " rows, " + firstMinute + " to "
                    + lastMinute + "), skipped");
            return;
        }
        long begin = System.nanoTime();
        Path file = dataDir.resolve(DATASOURCE).resolve(DATASOURCE + ".json");
        write(file);
        // The whole datasource is replaced, so that the days before the window (an older load) go too.
        druid.runTask(TASK.spec(file, "2000-01-01/" + end));
        druid.awaitCount(DATASOURCE, expectedRows());
        DemoLoader.say(DATASOURCE + ": loaded " + expectedRows() + " rows (" + SERIES.size() + " series x " + DAYS
                + " days x 1440 minutes) into Druid (" + (System.nanoTime() - begin) / 1_000_000_000 + " s)");
    }

    private void write(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long minute = start.getEpochSecond() / 60; minute < end.getEpochSecond() / 60; minute++) {
                String ts = Instant.ofEpochSecond(minute * 60).toString();
                for (Series series : SERIES) {
                    ObjectNode row = DruidClient.JSON.createObjectNode().put("ts", ts).put("name", series.name())
                            .put("type", series.type()).put("value", value(series, minute));
                    series.tags().forEach(row::put);
                    out.write(DruidClient.JSON.writeValueAsString(row));
                    out.newLine();
                }
            }
        }
    }

    /** The value of a series at a minute: the daily shape scaled, plus noise seeded by series and minute. */
    static double value(Series series, long epochMinute) {
        SplittableRandom random = new SplittableRandom(series.key().hashCode() * 1_000_003L + epochMinute);
        double minuteOfDay = Math.floorMod(epochMinute, 1440);
        // 0 at 03:00 UTC, 1 at 15:00 UTC.
        double daily = 0.5 - 0.5 * Math.cos(2 * Math.PI * (minuteOfDay - 180) / 1440);
        double noise = random.nextGaussian();
        double value = switch (series.name()) {
            case "system.cpu.usage" -> Math.min(100, Math.max(0, 15 + 60 * daily * series.scale() + 4 * noise));
            case "api.requests.count" -> Math.max(0, Math.round(series.scale() * (0.15 + daily) * (1 + 0.1 * noise)));
            case "api.response.time" -> Math.max(1, series.scale() * (1 + 0.8 * daily) + 6 * Math.abs(noise));
            case "api.errors.count" -> Math.max(0, Math.round(series.scale() * daily + noise));
            default -> throw new IllegalArgumentException(series.name());
        };
        return Math.round(value * 100) / 100.0;
    }

    private static List<Series> series() {
        List<Series> series = new ArrayList<>();
        for (int host = 1; host <= 4; host++) {
            series.add(new Series("system.cpu.usage", "gauge", Map.of("service", "node", "host", "host-" + host),
                    0.6 + 0.1 * host));
        }
        String[][] endpoints = {{"/orders", "GET", "400"}, {"/orders", "POST", "120"}, {"/customers", "GET", "250"},
                {"/search", "GET", "600"}};
        for (String[] endpoint : endpoints) {
            Map<String, String> tags = Map.of("service", "api", "endpoint", endpoint[0], "method", endpoint[1],
                    "status", "200", "host", "api-1");
            double requests = Double.parseDouble(endpoint[2]);
            series.add(new Series("api.requests.count", "count", tags, requests));
            series.add(new Series("api.response.time", "average", tags, 20 + 10_000 / requests));
        }
        series.add(new Series("api.errors.count", "count",
                Map.of("service", "api", "endpoint", "/orders", "method", "POST", "status", "500", "host", "api-1"), 3));
        series.add(new Series("api.errors.count", "count",
                Map.of("service", "api", "endpoint", "/search", "method", "GET", "status", "503", "host", "api-1"), 2));
        return List.copyOf(series);
    }
}
