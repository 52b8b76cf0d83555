package dev.junction.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack ({@code bin/junction up}) keeps its engines' builds, and the JDK it runs them on, for tests
 * that start throwaway engines of their own from the same builds.
 */
public final class LocalStack {
    private LocalStack() {
    }

    /** An engine's folder under {@code $JUNCTION_STACK_DIR/engines} (default {@code .stack/engines}). */
    public static Path engine(String folder) {
        String dir = System.getenv("JUNCTION_STACK_DIR");
        return (dir == null || dir.isBlank() ? Path.of(".stack").toAbsolutePath() : Path.of(dir))
                .resolve("engines").resolve(folder);
    }

    /** The stack's engines run on the machine's JDK 17 (Ignite and Pulsar support it); this JVM's when it has none. */
    public static Path engineJavaHome() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        return Files.isDirectory(jdk17) ? jdk17 : Path.of(System.getProperty("java.home"));
    }
}
