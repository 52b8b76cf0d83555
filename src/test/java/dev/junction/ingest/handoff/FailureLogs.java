package dev.junction.ingest.handoff;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Names the log files of the processes a test ran (the gateway's, an engine's) when the test fails. */
final class FailureLogs implements TestWatcher {
    private final Supplier<List<Path>> logFiles;

    FailureLogs(Supplier<List<Path>> logFiles) {
        this.logFiles = logFiles;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("Logs of the processes of " + context.getDisplayName() + ": " + logFiles.get());
    }
}
