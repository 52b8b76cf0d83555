package dev.junction.cache;

import dev.junction.stack.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A second Ignite server node of the local stack's build, on its own ports (client 10900, discovery 47600,
 * communication 47200), that a test may kill: the shared node on 10800 that every engineer uses stays up.
 * The node's jars are the stack's ({@code $JUNCTION_STACK_DIR/engines/ignite-2.17.0/lib}, default
 * {@code .stack}); it runs on JDK 17 with the stack's JVM flags (stack/ignite/jvm.config).
 */
public final class ThrowawayIgniteNode {
    public static final int CLIENT_PORT = 10900;
    private static final Path HOME = Path.of("target", "ignite-throwaway").toAbsolutePath();

    private Process process;

    /** Starts the node and waits until SQL through its client port works. */
    public synchronized void start() {
        Path lib = LocalStack.engine("ignite-2.17.0").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("No Ignite build at " + lib + ": run bin/junction up --no-gateway, "
                    + "or set JUNCTION_STACK_DIR to the stack folder that has one");
        }
        Path ready = HOME.resolve("ready");
        try {
            Files.createDirectories(HOME.resolve("work"));
            Files.deleteIfExists(ready);
            List<String> command = new ArrayList<>(List.of(LocalStack.engineJavaHome().resolve("bin/java").toString()));
            for (String line : Files.readAllLines(Path.of("stack/ignite/jvm.config"))) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    command.add(line.strip());
                }
            }
            command.addAll(List.of("-Xmx256m", "-DIGNITE_HOME=" + HOME, "-Djava.io.tmpdir=" + HOME.resolve("work"),
                    "-Djunction.ignite.port=" + CLIENT_PORT, "-Djunction.ignite.discoveryPort=47600",
                    "-Djunction.ignite.communicationPort=47200", "-Djunction.ignite.maxMemoryMb=128",
                    "-Djunction.ignite.workDir=" + HOME.resolve("work"), "-Djunction.ignite.readyFile=" + ready,
                    "-cp", lib + "/*", "dev.junction.stack.IgniteNode"));
            process = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectErrorStream(true).redirectOutput(HOME.resolve("node.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("The throwaway Ignite node did not start", e);
        }
        await("throwaway Ignite node ready (log: " + HOME.resolve("node.log") + ")")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(ready) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("The throwaway Ignite node exited; see " + HOME.resolve("node.log"));
        }
    }

    /** Kills the node at once, as a crash would, and waits until its process is gone. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            await("throwaway Ignite node gone").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }
    }
}
