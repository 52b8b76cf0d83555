package dev.junction.sql.exec;

import java.util.Objects;
import java.util.Optional;

/**
 * What one fragment did: where it ran, what it sent, how many rows came back and how long it took.
 *
 * @param engine the connector it ran on
 * @param sql the statement sent
 * @param rows rows read from the engine
 * @param millis from start until its last row was read (or it failed or was cancelled)
 * @param state how it ended, or RUNNING
 * @param engineQueryId the id the engine gave the statement, when it tells one (empty before the statement started)
 */
public record FragmentStats(String engine, String sql, long rows, long millis, FragmentState state,
        Optional<String> engineQueryId) {
    public FragmentStats {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(engineQueryId, "engineQueryId");
    }
}
