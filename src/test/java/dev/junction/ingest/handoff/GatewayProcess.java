package dev.junction.ingest.handoff;

import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Junction gateway run as an OS process of its own from the built app ({@code target/quarkus-app}, which
 * {@code package} builds before Failsafe runs), on JDK 25 with the stack gateway's JVM flags
 * (stack/engines/gateway.sh), that a test may kill as a crash would and start again with the same settings, and
 * ask what its hybrid table counts. Each start writes its output to a log file of its own.
 */
final class GatewayProcess {
    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    /** The stack's GATEWAY_JVM_FLAGS: Ignite's thin client needs java.nio opened; timestamps are UTC end to end. */
    private static final List<String> JVM_FLAGS = List.of("-Xmx1g", "-XX:+UseSerialGC",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Duser.timezone=UTC", "-Dcalcite.bindable.cache.maxSize=100");

    private final int port;
    private final Map<String, String> settings;
    private final Map<String, String> environment;
    private final Path logs;
    private final List<Path> logFiles = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param settings system properties of the gateway (junction.* and quarkus.*), over the prod profile
     * @param metadataUrl the metadata store, passed as JUNCTION_METADATA_URL like the stack does
     * @param logs the folder of the log files, one per start
     */
    GatewayProcess(int port, Map<String, String> settings, String metadataUrl, Path logs) {
        this(port, settings, Map.of(), metadataUrl, logs);
    }

    /**
     * @param environment environment variables of the gateway besides JUNCTION_METADATA_URL, e.g. the JUNCTION_*_PORT
     *     variables that the connector files (connectors/) read
     */
    GatewayProcess(int port, Map<String, String> settings, Map<String, String> environment, String metadataUrl,
            Path logs) {
        this.port = port;
        this.settings = new TreeMap<>(settings);
        this.environment = new TreeMap<>(environment);
        this.environment.put("JUNCTION_METADATA_URL", metadataUrl);
        this.logs = logs.toAbsolutePath();
    }

    /** The gateway's base URI. */
    String uri() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * COUNT and SUM of the events of metric {@code name} through the hybrid table {@code table}, uncached, as exact
     * decimals (JsonPath's floats hold 24 bits).
     */
    List<BigDecimal> countAndSum(String table, String name) {
        Response response = countAndSumQuery(table, name);
        response.then().statusCode(200);
        return countAndSum(response);
    }

    /** {@link #countAndSum}, or empty while the gateway answers it with an error (a tier out of reach). */
    Optional<List<BigDecimal>> answer(String table, String name) {
        Response response = countAndSumQuery(table, name);
        return response.statusCode() == 200 ? Optional.of(countAndSum(response)) : Optional.empty();
    }

    /** Posts a batch of events; fails unless the gateway accepts all of it (202). */
    void post(AcceptedEvents.Batch batch) {
        int accepted = given().baseUri(uri()).contentType(ContentType.JSON).body(batch.events())
                .post("/api/v1/metrics").then().statusCode(202).extract().path("accepted");
        assertThat(accepted).isEqualTo(batch.events().size());
    }

    private Response countAndSumQuery(String table, String name) {
        return given().baseUri(uri()).contentType(ContentType.JSON)
                .body(Map.of("sql", "select count(*), sum(\"value\") from " + table + " where name = ?",
                        "parameters", List.of(name), "cache", false))
                .post("/api/v1/query");
    }

    private static List<BigDecimal> countAndSum(Response response) {
        return response.jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getList("rows[0]", BigDecimal.class);
    }

    /** The log files of every start so far, for failure messages. */
    synchronized List<Path> logFiles() {
        return List.copyOf(logFiles);
    }

    /** Starts the gateway and waits until {@code /health/live} answers 200. */
    synchronized void start() {
        if (!Files.isRegularFile(APP)) {
            throw new IllegalStateException("No built gateway at " + APP + ": 'mvn verify' packages it before the "
                    + "integration tests; run 'mvn package -DskipTests' first when running this test alone");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The gateway on port " + port + " is running already");
        }
        Path log = logs.resolve("gateway-" + (logFiles.size() + 1) + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_FLAGS);
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", APP.toString()));
        try {
            Files.createDirectories(logs);
            // The project folder: the gateway reads its connector files from connectors/.
            ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            logFiles.add(log);
        } catch (IOException e) {
            throw new IllegalStateException("The gateway did not start: " + e.getMessage(), e);
        }
        Process started = process;
        await("gateway on port " + port + " live (log: " + log + ")").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).until(() -> !started.isAlive() || live());
        if (!started.isAlive()) {
            throw new IllegalStateException("The gateway exited with " + started.exitValue() + " while starting; see "
                    + log);
        }
    }

    /** Kills the gateway at once (SIGKILL), as a crash would: no shutdown hook runs; waits until it is gone. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            Process killed = process;
            await("gateway on port " + port + " gone").atMost(Duration.ofSeconds(30)).until(() -> !killed.isAlive());
        }
    }

    /** Stops the gateway the ordinary way (SIGTERM: it gives its handoff lease back), killing it if it hangs. */
    synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private boolean live() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri() + "/health/live"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            // Not listening yet.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
