package dev.junction.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A query that was planned (or failed planning) and starts now.
 *
 * @param queryId its id
 * @param sql the statement as the client sent it
 * @param startedAt when it arrived, before planning
 * @param planningMs how long planning took
 * @param shape how the plan uses the engines; empty when planning failed
 */
public record QueryStart(String queryId, String sql, Instant startedAt, long planningMs, Optional<String> shape) {
    public QueryStart {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(shape, "shape");
    }
}
