package dev.junction.sql.catalog;

import java.sql.SQLException;

/** An engine refused or failed a connection; carries the engine's name through Calcite's metadata calls. */
public final class EngineUnavailableException extends SQLException {
    private final String engineName;

    public EngineUnavailableException(String engineName, Exception cause) {
        super("Engine '" + engineName + "' is unavailable: " + rootMessage(cause),
                cause instanceof SQLException sql ? sql.getSQLState() : null, cause);
        this.engineName = engineName;
    }

    /** Drivers wrap the refused connection in layers; its own message is the one that says what happened. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public String engineName() {
        return engineName;
    }
}
