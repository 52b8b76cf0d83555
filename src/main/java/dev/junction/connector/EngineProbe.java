package dev.junction.connector;

import dev.junction.spi.EngineHealth;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one health request against an engine on a virtual thread, bounded by a deadline, and never throws. */
public final class EngineProbe {
    // Probes block on network I/O; a virtual thread each keeps a slow engine from holding a platform thread.
    private static final ExecutorService PROBES =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("engine-probe-", 0).factory());

    private EngineProbe() {
    }

    /**
     * @param request makes a real request to the engine and returns the engine's version
     */
    public static EngineHealth run(Duration timeout, Callable<String> request) {
        long start = System.nanoTime();
        Future<String> answer = PROBES.submit(request);
        try {
            String version = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return EngineHealth.up(version, elapsedMillis(start));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return EngineHealth.down("no answer within " + timeout.toMillis() + " ms", elapsedMillis(start));
        } catch (ExecutionException e) {
            return EngineHealth.down(describe(e.getCause()), elapsedMillis(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return EngineHealth.down("probe interrupted", elapsedMillis(start));
        }
    }

    /** The innermost message of a failure, which is the one that says what went wrong (e.g. connection refused). */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
