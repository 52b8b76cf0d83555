package dev.junction.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One finished run of an external command in the project folder: its exit code, standard output and error. */
public record CommandRun(List<String> command, int exitCode, String output, String errors) {

    public CommandRun {
        command = List.copyOf(command);
    }

    public static CommandRun of(Duration timeout, String... command) {
        return of(timeout, Map.of(), command);
    }

    /** Runs the command with extra environment variables; a command that outlives the timeout is killed and fails. */
    public static CommandRun of(Duration timeout, Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.path(".").toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read while it runs, so a chatty command cannot block on a full pipe.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new CommandRun(List.of(command), process.exitValue(), output.join(), errors.join());
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " cannot be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }

    /** A description for assertion messages: the command, its exit code and everything it printed. */
    public String describe() {
        return String.join(" ", command) + " exited " + exitCode + ":\n" + output + errors;
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
