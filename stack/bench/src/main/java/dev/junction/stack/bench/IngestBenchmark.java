package dev.junction.stack.bench;

import org.apache.ignite.IgniteJdbcThinDriver;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest benchmark ({@code bin/junction bench ingest [EVENTS]}): a Java producer publishes metric events (JSON
 * arrays, each event stamped with its send time) to the topic a RUNNING gateway consumes, and the benchmark watches
 * the hot table through Ignite SQL: sustained events/s into the hot store, and event→queryable latency of sampled
 * probe events (queryable = a primary-key SELECT through Ignite's JDBC driver returns the row). The gateway's
 * /q/metrics and the stack's CPU times then say where the time went (hot-store writes, batches, CPU per process and
 * event). Before that it measures the baseline, Ignite queried directly ({@link DirectIgnite}), and at the end prints
 * the gateway's rate as a ratio of it.
 */
public final class IngestBenchmark {
    private static final int PROBE_EVERY = 500;
    private static final long POLL_MILLIS = 10;
    private static final int PROBES_PER_POLL = 20;
    /** Rows per putAll of the baseline: about what the gateway's batches hold when the topic has a backlog. */
    private static final int DIRECT_BATCH = 10_000;
    /** One client for every meter reading (plain HTTP/1.1: the watcher reads them several times a second). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final long CHECK_NANOS = 250_000_000L;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("bench.host", "127.0.0.1");
        int events = Integer.getInteger("bench.events", 200_000);
        int perMessage = Integer.getInteger("bench.eventsPerMessage", 100);
        // Events per second to publish at; 0: as fast as Pulsar takes them (throughput), otherwise a steady load (latency).
        int rate = Integer.getInteger("bench.rate", 0);
        String topic = System.getProperty("bench.topic", "metrics");
        String hotTable = System.getProperty("bench.hotTable", "METRICS.POINTS");
        String pulsarUrl = "pulsar://" + host + ":" + System.getProperty("bench.pulsarPort", "16650");
        String jdbcUrl = "jdbc:ignite:thin://" + host + ":" + System.getProperty("bench.ignitePort", "10800");
        String gateway = "http://" + host + ":" + System.getProperty("bench.gatewayPort", "8080");
        String run = "b" + UUID.randomUUID().toString().substring(0, 8);
        String[] parts = hotTable.split("\\.");
        String table = "\"" + parts[0] + "\".\"" + parts[1] + "\"";

        System.out.printf("ingest benchmark: %,d events, %d per message, %s, topic %s, hot table %s, gateway %s, run %s%n",
                events, perMessage, rate == 0 ? "as fast as possible" : String.format("%,d events/s", rate), topic,
                hotTable, gateway, run);
        Path stackRun = Path.of(System.getProperty("bench.stackRun", ".stack/run"));
        // The baseline first (it also warms Ignite up for the gateway's run): the same number of rows, at most 200,000.
        Optional<DirectIgnite.Measured> direct = direct(host, System.getProperty("bench.ignitePort", "10800"),
                parts[0], parts[1], Math.min(events, 200_000), stackRun);
        Map<String, Double> before = gatewayMeters(gateway);
        ConcurrentSkipListMap<Integer, Long> probesSent = new ConcurrentSkipListMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Watcher watcher = new Watcher(jdbcUrl, table, run, events, gateway, before.getOrDefault("written", 0.0),
                probesSent, latencies);
        Map<String, Long> cpuBefore = StackCpu.sample(stackRun);
        long ownCpuBefore = ownCpuMillis();
        Thread watching = new Thread(watcher, "bench-watch");
        watching.start();

        long start = System.nanoTime();
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsarUrl).build();
                Producer<byte[]> producer = client.newProducer().topic(topic).enableBatching(true)
                        .batchingMaxPublishDelay(2, TimeUnit.MILLISECONDS).compressionType(CompressionType.LZ4)
                        .blockIfQueueFull(true).maxPendingMessages(2_000).create()) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            StringBuilder message = new StringBuilder(perMessage * 120);
            for (int i = 0; i < events; i += perMessage) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                message.setLength(0);
                message.append('[');
                long now = System.currentTimeMillis();
                for (int j = i; j < Math.min(events, i + perMessage); j++) {
                    if (j > i) {
                        message.append(',');
                    }
                    if (j % PROBE_EVERY == 0) {
                        probesSent.put(j, System.nanoTime());
                    }
                    message.append("{\"id\":\"").append(run).append('-').append(j)
                            .append("\",\"name\":\"bench.ingest.").append(run)
                            .append("\",\"type\":\"count\",\"value\":1,\"timestamp\":").append(now)
                            .append(",\"tags\":{\"service\":\"bench\",\"host\":\"h").append(j % 16).append("\"}}");
                }
                message.append(']');
                sends.add(producer.sendAsync(message.toString().getBytes(StandardCharsets.UTF_8)));
                if (sends.size() >= 1_000) {
                    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
                    sends.clear();
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("published %,d events in %.2f s: %,.0f events/s into Pulsar%n", events, publishSeconds,
                events / publishSeconds);
        watching.join(TimeUnit.MINUTES.toMillis(5));
        watcher.stop = true;
        double ingestSeconds = ((watcher.allVisible == 0 ? System.nanoTime() : watcher.allVisible) - start) / 1e9;
        Map<String, Long> cpuAfter = StackCpu.sample(stackRun);
        long ownCpu = ownCpuMillis() - ownCpuBefore;
        System.out.printf("hot store: %,d of %,d events queryable %.2f s after the first send: %,.0f events/s"
                + " sustained%n", watcher.count, events, ingestSeconds, watcher.count / ingestSeconds);
        if (latencies.isEmpty()) {
            System.out.println("no probe event became queryable");
            return;
        }
        System.out.printf("event -> queryable (Ignite SQL by primary key, %d probes, %d ms polling): p50 %.0f ms,"
                + " p99 %.0f ms, max %.0f ms%n", latencies.size(), POLL_MILLIS, Percentiles.median(latencies),
                Percentiles.percentile(latencies, 0.99), Percentiles.percentile(latencies, 1.0));
        Map<String, Double> after = gatewayMeters(gateway);
        double batches = after.getOrDefault("batches", 0.0) - before.getOrDefault("batches", 0.0);
        double writeSeconds = after.getOrDefault("writeSeconds", 0.0) - before.getOrDefault("writeSeconds", 0.0);
        if (batches > 0) {
            System.out.printf("where the time goes (gateway /q/metrics): %,.0f batches of %,.0f events on average;"
                    + " hot-store putAll %.1f ms per batch, %.2f s in all = %.0f%% of the ingest time; the rest is"
                    + " Pulsar delivery, JSON reading and validation, and acknowledgements%n", batches,
                    watcher.count / batches, 1000 * writeSeconds / batches, writeSeconds,
                    100 * writeSeconds / ingestSeconds);
        } else {
            System.out.println("gateway /q/metrics not readable at " + gateway + ": no breakdown");
        }
        printCpu(cpuBefore, cpuAfter, ownCpu, watcher.count, ingestSeconds);
        direct.ifPresent(baseline -> System.out.printf("Junction / Ignite directly: %,.0f / %,.0f events/s = %.2f"
                + " (reproduce: bin/junction bench ingest %d %d)%n", watcher.count / ingestSeconds,
                baseline.rowsPerSecond(), watcher.count / ingestSeconds / baseline.rowsPerSecond(), events, rate));
    }

    /**
     * Ignite queried directly ({@link DirectIgnite}): prints what it measured for each shape of storing the rows, and
     * returns the hot table's (the baseline), or prints why it could not measure.
     */
    private static Optional<DirectIgnite.Measured> direct(String host, String port, String schema, String table,
            int rows, Path stackRun) {
        DirectIgnite ignite = new DirectIgnite(host, port, schema, table);
        Optional<DirectIgnite.Measured> baseline = Optional.empty();
        for (DirectIgnite.Shape shape : DirectIgnite.Shape.values()) {
            try {
                DirectIgnite.Measured measured = ignite.measure(rows, DIRECT_BATCH, shape,
                        () -> StackCpu.sample(stackRun));
                String what = switch (shape) {
                    case HOT_TABLE -> String.format("thin-client putAll of %,d rows like the benchmark's, %,d per"
                            + " batch, into a scratch copy of %s.%s with its indexes", rows, DIRECT_BATCH, schema,
                            table);
                    case PRIMARY_KEY_ONLY -> "the same rows, the primary key their only index";
                    case PACKED -> String.format("the same events, %,d per entry (one binary value), indexed by key"
                            + " and time", DirectIgnite.PACKED);
                };
                System.out.printf("Ignite directly (%s): %.2f s, %,.0f events/s%s%n", what, measured.seconds(),
                        measured.rowsPerSecond(), measured.igniteCpuMillis() < 0 ? "" : String.format(
                                "; ignite %.1f s of CPU = %.1f us/event (%.1f cores at 100,000 events/s)",
                                measured.igniteCpuMillis() / 1000.0, measured.igniteCpuMillis() * 1000.0 / rows,
                                measured.igniteCpuMillis() * 100.0 / rows));
                if (shape == DirectIgnite.Shape.HOT_TABLE) {
                    baseline = Optional.of(measured);
                }
            } catch (Exception e) {
                System.out.println("Ignite directly (" + shape + "): not measured: " + e.getMessage());
            }
        }
        return baseline;
    }

    /**
     * CPU seconds each stack process (and this benchmark) used from the first send until every event was
     * queryable, and per event, largest first; processes under 2% of the machine's time are summed as "the rest".
     */
    private static void printCpu(Map<String, Long> before, Map<String, Long> after, long ownMillis, long events,
            double seconds) {
        if (after.isEmpty() || events == 0) {
            System.out.println("CPU by process: not measured (no /proc or no stack run folder: bench.stackRun)");
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Long> used = new LinkedHashMap<>();
        after.forEach((name, millis) -> used.put(name, millis - before.getOrDefault(name, 0L)));
        used.put("benchmark", ownMillis);
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder(String.format("CPU used while ingesting (%.1f s x %d cores = %.1f"
                + " CPU-s available): %.1f s in all", seconds, cores, seconds * cores, total / 1000.0));
        long rest = 0;
        for (Map.Entry<String, Long> entry : used.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
            if (entry.getValue() < 0.02 * seconds * cores * 1000) {
                rest += entry.getValue();
            } else {
                line.append(String.format("; %s %.1f s = %.0f us/event", entry.getKey(), entry.getValue() / 1000.0,
                        entry.getValue() * 1000.0 / events));
            }
        }
        System.out.println(line.append(String.format("; the rest %.1f s", rest / 1000.0)));
    }

    /** This JVM's CPU time so far in milliseconds (0 where the platform does not say). */
    private static long ownCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /**
     * Resolves probe latencies, and finds when every event is queryable: once the gateway's meter says it wrote them
     * all (a write returns when Ignite holds the rows), one SQL count of the run's rows confirms it. Counting the
     * rows through SQL every few hundred milliseconds instead would cost Ignite as much CPU as the writes it measures.
     */
    private static final class Watcher implements Runnable {
        private final String url;
        private final String table;
        private final String run;
        private final int events;
        private final String gateway;
        private final double writtenBefore;
        private final ConcurrentSkipListMap<Integer, Long> probes;
        private final List<Double> latencies;
        volatile boolean stop;
        volatile long count;
        /** When the count confirmed every event (System.nanoTime()). */
        volatile long allVisible;

        Watcher(String url, String table, String run, int events, String gateway, double writtenBefore,
                ConcurrentSkipListMap<Integer, Long> probes, List<Double> latencies) {
            this.url = url;
            this.table = table;
            this.run = run;
            this.events = events;
            this.gateway = gateway;
            this.writtenBefore = writtenBefore;
            this.probes = probes;
            this.latencies = latencies;
        }

        @Override
        public void run() {
            try (Connection connection = new IgniteJdbcThinDriver().connect(url, new Properties());
                    Statement counter = connection.createStatement()) {
                long lastCheck = 0;
                while (!stop && count < events) {
                    pollProbes(connection);
                    if (System.nanoTime() - lastCheck > CHECK_NANOS) {
                        lastCheck = System.nanoTime();
                        if (allWritten()) {
                            try (ResultSet result = counter.executeQuery("SELECT COUNT(*) FROM " + table
                                    + " WHERE NAME = 'bench.ingest." + run + "'")) {
                                result.next();
                                count = result.getLong(1);
                                allVisible = System.nanoTime();
                            }
                        }
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (Exception e) {
                System.out.println("watching the hot table failed: " + e.getMessage());
            }
        }

        /**
         * Whether the gateway wrote at least the run's events since the start (other writers may add to the meter:
         * the count then decides); true when its meters cannot be read, so that SQL counts instead.
         */
        private boolean allWritten() {
            Double written = gatewayMeters(gateway).get("written");
            return written == null || written - writtenBefore >= events;
        }

        /**
         * Looks up the oldest pending probes by primary key. Events reach the hot table in about the order they were
         * sent, so the oldest are the ones due; a probe that overtook them is seen on a later poll, which can only
         * make its latency look longer.
         */
        private void pollProbes(Connection connection) throws Exception {
            List<Integer> pending = new ArrayList<>(probes.keySet()).subList(0, Math.min(PROBES_PER_POLL, probes.size()));
            if (pending.isEmpty()) {
                return;
            }
            StringBuilder sql = new StringBuilder("SELECT EVENT_ID FROM " + table + " WHERE EVENT_ID IN (");
            for (int i = 0; i < pending.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.append(')').toString())) {
                for (int i = 0; i < pending.size(); i++) {
                    statement.setString(i + 1, run + "-" + pending.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    long now = System.nanoTime();
                    while (result.next()) {
                        String id = result.getString(1);
                        Long sent = probes.remove(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
                        if (sent != null) {
                            latencies.add((now - sent) / 1e6);
                        }
                    }
                }
            }
        }
    }

    /** The gateway's ingest meters: acknowledged batches, seconds spent in hot-store writes, events written. */
    private static Map<String, Double> gatewayMeters(String gateway) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return Map.of("batches", meter(text, "junction_ingest_batches_total\\{outcome=\"acknowledged\"[^}]*\\}"),
                    "writeSeconds", meter(text, "junction_ingest_hot_writes_seconds_sum(\\{[^}]*\\})?"),
                    "written", meter(text, "junction_ingest_events_total\\{outcome=\"written\"[^}]*\\}")
                            + meter(text, "junction_ingest_events_total\\{outcome=\"late\"[^}]*\\}"));
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static double meter(String text, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(matcher.groupCount())) : 0;
    }
}
