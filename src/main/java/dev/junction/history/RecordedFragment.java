package dev.junction.history;

import java.util.Objects;
import java.util.Optional;

/**
 * What one fragment of a query did, as the query history keeps it.
 *
 * @param engine the connector it ran on
 * @param engineQueryId the id the engine gave the statement, when the engine tells one
 * @param sql the statement exactly as sent
 * @param rows rows the engine returned
 * @param ms its run time
 * @param state finished, stopped (the plan needed no more of its rows), failed, cancelled or running
 * @param cancelled true when the gateway cancelled it on its engine because the query was cancelled or timed out
 */
public record RecordedFragment(String engine, Optional<String> engineQueryId, String sql, long rows, long ms,
        String state, boolean cancelled) {
    public RecordedFragment {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(engineQueryId, "engineQueryId");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(state, "state");
    }
}
