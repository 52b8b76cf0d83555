package dev.junction.ingest.handoff;

import dev.junction.connector.HttpEndpoint;
import dev.junction.stack.LocalStack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Pulsar standalone of the local stack's build on ports of its own (broker 16750, web 18380, bookie 18381), that a
 * test may kill as a crash would and start again on the same data: the stack's broker on 16650 that every engineer
 * uses stays up. It is started the way stack/engines/pulsar.sh starts the stack's (the distribution's
 * standalone.conf with stack/pulsar/standalone.conf appended, without functions worker and stream storage, small
 * heap, serial GC, JDK 17), with its data, configuration and one log per start under {@code target/pulsar-throwaway}.
 *
 * <p>Killed with SIGKILL, it keeps every message it acknowledged: the standalone's bookie runs with
 * {@code journalSyncData=false}, which means that it acknowledges an entry once the entry is written to the journal
 * file, before an fsync; a killed process leaves what it wrote in the operating system's page cache, which the
 * restarted bookie reads. Only a crash of the machine itself could lose such entries (PulsarRestartedMidLoadIT checks
 * the kill: the events Pulsar acknowledged before it all arrive).
 */
final class ThrowawayPulsar {
    static final int BROKER_PORT = 16750;
    static final int WEB_PORT = 18380;
    static final int BOOKIE_PORT = 18381;
    private static final String VERSION = "4.0.8";
    private static final Path HOME = Path.of("target", "pulsar-throwaway").toAbsolutePath();

    private final List<Path> logFiles = new ArrayList<>();
    private Process process;

    /** The broker's service URL, for clients. */
    String serviceUrl() {
        return "pulsar://127.0.0.1:" + BROKER_PORT;
    }

    /** The web service (admin API) base URL. */
    String webUrl() {
        return "http://127.0.0.1:" + WEB_PORT;
    }

    /** The log files of every start so far, for failure messages. */
    synchronized List<Path> logFiles() {
        return List.copyOf(logFiles);
    }

    /** Removes the data of earlier runs: the next start begins with no topics and no subscriptions. */
    synchronized void deleteData() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The throwaway Pulsar is running: kill it before deleting its data");
        }
        if (Files.exists(HOME)) {
            try (Stream<Path> files = Files.walk(HOME)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Starts the standalone on the data of its last run, if any, and waits until its broker is healthy. */
    synchronized void start() {
        Path home = LocalStack.engine("apache-pulsar-" + VERSION);
        if (!Files.isRegularFile(home.resolve("bin/pulsar"))) {
            throw new IllegalStateException("No Pulsar build at " + home + ": run bin/junction up --no-gateway, "
                    + "or set JUNCTION_STACK_DIR to the stack folder that has one");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The throwaway Pulsar is running already");
        }
        for (int port : List.of(BROKER_PORT, WEB_PORT, BOOKIE_PORT)) {
            if (listening(port)) {
                throw new IllegalStateException("Port " + port + " of the throwaway Pulsar is taken: is an earlier "
                        + "run's standalone still up (its data: " + HOME + ")?");
            }
        }
        Path log = HOME.resolve("pulsar-" + (logFiles.size() + 1) + ".log");
        try {
            for (String dir : List.of("bk", "meta", "logs")) {
                Files.createDirectories(HOME.resolve(dir));
            }
            Path conf = HOME.resolve("standalone.conf");
            // As the stack does: the distribution's file keeps every default, ours is appended and its keys win.
            Files.writeString(conf, Files.readString(home.resolve("conf/standalone.conf")) + "\n"
                    + Files.readString(Path.of("stack/pulsar/standalone.conf"))
                            .replace("@JUNCTION_PULSAR_PORT@", String.valueOf(BROKER_PORT))
                            .replace("@JUNCTION_PULSAR_ADMIN_PORT@", String.valueOf(WEB_PORT))
                            .replace("@JUNCTION_PULSAR_BOOKKEEPER_PORT@", String.valueOf(BOOKIE_PORT)));
            // bin/pulsar execs the JVM: the process is the broker's, and destroyForcibly kills the broker itself.
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/pulsar").toString(), "standalone", "-nfw",
                    "-nss", "--bookkeeper-port", String.valueOf(BOOKIE_PORT), "--bookkeeper-dir",
                    HOME.resolve("bk").toString(), "--metadata-dir", HOME.resolve("meta").toString())
                    .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            // Pulsar 4.0 supports JDK 17 and 21, like the stack's.
            builder.environment().putAll(Map.of("JAVA_HOME", LocalStack.engineJavaHome().toString(),
                    "PULSAR_STANDALONE_CONF", conf.toString(), "PULSAR_LOG_DIR", HOME.resolve("logs").toString(),
                    "PULSAR_LOG_APPENDER", "Console",
                    "PULSAR_MEM", "-Xms32m -Xmx128m -XX:MaxDirectMemorySize=128m",
                    "PULSAR_GC", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1", "PULSAR_GC_LOG", " "));
            process = builder.start();
            logFiles.add(log);
        } catch (IOException e) {
            throw new IllegalStateException("The throwaway Pulsar did not start", e);
        }
        Process started = process;
        // The stack allows 180 s: healthy in 8-36 s on a loaded 2-core machine (ENGINES.md). The broker's health
        // check writes to and reads from a heartbeat topic: 200 means messages flow; until then get() throws.
        try (HttpEndpoint web = new HttpEndpoint(webUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            await("throwaway Pulsar healthy (log: " + log + ")").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> !started.isAlive() || web.get("admin/v2/brokers/health") != null);
        }
        if (!started.isAlive()) {
            throw new IllegalStateException("The throwaway Pulsar exited with " + started.exitValue()
                    + " while starting; see " + log);
        }
    }

    /** Kills the standalone at once (SIGKILL), as a crash would, and waits until its process is gone. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            Process killed = process;
            await("throwaway Pulsar gone").atMost(Duration.ofSeconds(30)).until(() -> !killed.isAlive());
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
