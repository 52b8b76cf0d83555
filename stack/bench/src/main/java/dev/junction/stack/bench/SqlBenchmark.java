package dev.junction.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.junction.stack.bench.Percentiles.median;
import static dev.junction.stack.bench.Percentiles.p95;
import java.util.Properties;

/**
 * The SQL benchmark ("bin/junction bench sql"): for a fixed set of routed and split queries, the latency of each
 * straight to its engine over the engine's own JDBC driver, through Junction's REST endpoint and through Junction's
 * JDBC endpoint (the stock Avatica driver), measured in the same run, alternating, and their ratios; Junction's
 * planning time, cold (first planning of the statement) and warm (later runs); and the rows per second of a
 * 60k-row result (tpch.lineitem) read over Junction's JDBC and over Druid's own.
 *
 * <p>A split query's direct time is that of its slowest fragment (each fragment's SQL, as EXPLAIN shows it, run
 * on its engine directly): the target is that Junction adds no more than the merge.
 */
public final class SqlBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final Connection junctionJdbc;
    private final Map<String, Connection> engines;
    private final int warmups;
    private final int runs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SqlBenchmark(URI gateway, Connection junctionJdbc, Map<String, Connection> engines, int warmups, int runs) {
        this.gateway = gateway;
        this.junctionJdbc = junctionJdbc;
        this.engines = engines;
        this.warmups = warmups;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("bench.host", "127.0.0.1");
        int warmups = Integer.getInteger("bench.warmups", 5);
        int runs = Integer.getInteger("bench.runs", 25);
        Map<String, Connection> engines = new LinkedHashMap<>();
        engines.put("trino", DriverManager.getConnection(
                "jdbc:trino://" + host + ":" + System.getProperty("bench.trinoPort", "18080") + "?user=bench"));
        Properties druid = new Properties();
        druid.setProperty("timeZone", "UTC");
        druid.setProperty("useApproximateCountDistinct", "false");
        druid.setProperty("useApproximateTopN", "false");
        engines.put("druid", DriverManager.getConnection("jdbc:avatica:remote:url=http://" + host + ":"
                + System.getProperty("bench.druidBrokerPort", "18082") + "/druid/v2/sql/avatica/;serialization=json", druid));
        engines.put("ignite", DriverManager.getConnection(
                "jdbc:ignite:thin://" + host + ":" + System.getProperty("bench.ignitePort", "10800")));
        String gatewayUrl = "http://" + host + ":" + System.getProperty("bench.gatewayPort", "8080");
        URI gateway = URI.create(gatewayUrl + "/api/v1/query");
        try (Connection junctionJdbc = DriverManager.getConnection(
                "jdbc:avatica:remote:url=" + gatewayUrl + "/jdbc;serialization=protobuf", new Properties())) {
            SqlBenchmark benchmark = new SqlBenchmark(gateway, junctionJdbc, engines, warmups, runs);
            benchmark.run(BenchQuery.SUITE);
            benchmark.throughput();
        } finally {
            for (Connection connection : engines.values()) {
                connection.close();
            }
        }
    }

    private void run(List<BenchQuery> queries) throws Exception {
        System.out.printf(Locale.ROOT, "SQL benchmark: %d warm-up and %d measured runs per query, direct and via Junction"
                + " alternating; latency = request sent to last row read (ms)%n%n", warmups, runs);
        System.out.printf(Locale.ROOT, "%-22s %-6s %-13s %9s %9s %9s %9s %7s %9s %9s %7s %9s %9s%n", "query", "shape",
                "engines", "direct50", "direct95", "junct50", "junct95", "ratio", "jdbc50", "jdbc95", "jratio", "planCold",
                "planWarm");
        List<String> notes = new ArrayList<>();
        for (BenchQuery query : queries) {
            Measured measured = measure(query);
            System.out.printf(Locale.ROOT, "%-22s %-6s %-13s %9.1f %9.1f %9.1f %9.1f %6.2fx %9.1f %9.1f %6.2fx %9d %9.1f%n",
                    query.name(), measured.shape(), String.join("+", measured.engines()),
                    median(measured.direct()), p95(measured.direct()), median(measured.junction()),
                    p95(measured.junction()), median(measured.junction()) / median(measured.direct()),
                    median(measured.jdbc()), p95(measured.jdbc()), median(measured.jdbc()) / median(measured.direct()),
                    measured.coldPlanningMs(), median(measured.warmPlanningMs()));
            if (!measured.rowsAgree()) {
                notes.add(query.name() + ": Junction returned " + measured.junctionRows() + " rows, direct "
                        + measured.directRows());
            }
            if (measured.jdbcRows() != measured.junctionRows()) {
                notes.add(query.name() + ": Junction's JDBC returned " + measured.jdbcRows() + " rows, its REST "
                        + measured.junctionRows());
            }
        }
        System.out.println();
        System.out.println("direct = the engine's own JDBC driver on a kept-open connection; for split queries, the"
                + " slowest fragment's SQL run directly. junct = Junction's REST endpoint, jdbc = Junction's JDBC endpoint"
                + " (stock Avatica driver, protobuf, kept-open connection). ratio = junct50 / direct50, jratio = jdbc50 /"
                + " direct50. planCold = planning_ms of the"
                + " statement's first planning, planWarm = median planning_ms of the measured runs (plan cache), both"
                + " from the responses' metadata.");
        notes.forEach(note -> System.out.println("ROWS DIFFER " + note));
    }

    private Measured measure(BenchQuery query) throws Exception {
        // The first request plans the statement (EXPLAIN runs nothing): its planning time is the cold one; later
        // requests find the plan in Junction's plan cache.
        JsonNode explainAnswer = post(query.junctionSql(), true);
        long coldPlanning = explainAnswer.path("metadata").path("planning_ms").asLong();
        JsonNode explained = explainAnswer.path("explain");
        List<Fragment> fragments = new ArrayList<>();
        for (JsonNode fragment : explained.path("fragments")) {
            fragments.add(new Fragment(fragment.path("engine").asText(), fragment.path("sql").asText()));
        }
        String shape = explained.path("shape").asText();
        // Routed queries are compared with the statement a user would write for the engine; split ones with
        // their fragments, each run directly.
        List<Fragment> direct = shape.equals("route") && query.directSql() != null
                ? List.of(new Fragment(fragments.get(0).engine(), query.directSql()))
                : fragments;
        List<Double> directMs = new ArrayList<>();
        List<Double> junctionMs = new ArrayList<>();
        List<Double> warmPlanning = new ArrayList<>();
        List<Double> jdbcMs = new ArrayList<>();
        long directRows = 0;
        long junctionRows = 0;
        long jdbcRows = 0;
        for (int i = 0; i < warmups + runs; i++) {
            double slowest = 0;
            long rows = 0;
            for (Fragment fragment : direct) {
                long start = System.nanoTime();
                rows = readAll(engines.get(fragment.engine()), fragment.sql());
                slowest = Math.max(slowest, (System.nanoTime() - start) / 1e6);
            }
            long start = System.nanoTime();
            JsonNode answer = post(query.junctionSql(), false);
            double junction = (System.nanoTime() - start) / 1e6;
            long planning = answer.path("metadata").path("planning_ms").asLong();
            long jdbcStart = System.nanoTime();
            long jdbcRead = readAll(junctionJdbc, query.junctionSql());
            double jdbc = (System.nanoTime() - jdbcStart) / 1e6;
            if (i >= warmups) {
                jdbcMs.add(jdbc);
                jdbcRows = jdbcRead;
                directMs.add(slowest);
                junctionMs.add(junction);
                warmPlanning.add((double) planning);
                directRows = rows;
                junctionRows = answer.path("rows").size();
            }
        }
        List<String> engineNames = fragments.stream().map(Fragment::engine).distinct().sorted().toList();
        boolean agree = !shape.equals("route") || directRows == junctionRows;
        return new Measured(shape, engineNames, directMs, junctionMs, jdbcMs, coldPlanning, warmPlanning, agree,
                directRows, junctionRows, jdbcRows);
    }

    /** Rows per second of a 60k-row result, over Junction's JDBC (frames of 1000 rows) and over Druid's own JDBC. */
    private void throughput() throws SQLException {
        String junctionSql = "select * from tpch.lineitem";
        String druidSql = "select * from lineitem";
        List<Double> junctionRate = new ArrayList<>();
        List<Double> druidRate = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < 1 + Math.max(3, runs / 5); i++) {
            long start = System.nanoTime();
            rows = readAll(junctionJdbc, junctionSql);
            double junctionSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            long druidRows = readAll(engines.get("druid"), druidSql);
            double druidSeconds = (System.nanoTime() - start) / 1e9;
            if (i > 0) {
                junctionRate.add(rows / junctionSeconds);
                druidRate.add(druidRows / druidSeconds);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "large result: %s, %d rows: Junction JDBC %.0f rows/s, Druid JDBC %.0f rows/s"
                + " (medians of %d runs after a warm-up; fetch size 1000)%n", junctionSql, rows, median(junctionRate),
                median(druidRate), junctionRate.size());
    }

    private static long readAll(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            return readAll(statement.executeQuery(sql));
        }
    }

    private static long readAll(ResultSet result) throws SQLException {
        try (ResultSet rows = result) {
            int columns = rows.getMetaData().getColumnCount();
            long count = 0;
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    rows.getObject(c);
                }
                count++;
            }
            return count;
        }
    }

    private JsonNode post(String sql, boolean explain) throws IOException, InterruptedException {
        // The result cache stays out of it: this measures the planned and federated path (bench cache measures hits).
        String body = JSON.writeValueAsString(Map.of("sql", sql, "explain", explain, "cache", false));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway)
                        .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Junction answered HTTP " + response.statusCode() + " to " + sql + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** One statement an engine runs. */
    private record Fragment(String engine, String sql) {
    }

    /** What was measured for one query. */
    private record Measured(String shape, List<String> engines, List<Double> direct, List<Double> junction,
            List<Double> jdbc, long coldPlanningMs, List<Double> warmPlanningMs, boolean rowsAgree, long directRows,
            long junctionRows, long jdbcRows) {
    }
}
