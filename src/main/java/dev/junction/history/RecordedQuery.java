package dev.junction.history;

import dev.junction.error.ErrorCode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One query as the query history shows it: running now, or ended and kept in the metadata store.
 *
 * @param queryId the id POST /api/v1/query gave it
 * @param sql the statement as the client sent it
 * @param state running, finished, failed, cancelled or timed_out
 * @param errorCode the code it failed with
 * @param errorMessage the message the client got
 * @param startedAt when it arrived (before planning)
 * @param endedAt when it ended
 * @param planningMs parse, validation and optimization time
 * @param executionMs from start until it ended, or until now while it runs
 * @param rowCount rows sent to the client
 * @param shape how the plan used the engines (route, split, …); empty when planning failed
 * @param fragments what each engine ran, in the order they started
 */
public record RecordedQuery(String queryId, String sql, QueryState state, Optional<ErrorCode> errorCode,
        Optional<String> errorMessage, Instant startedAt, Optional<Instant> endedAt, long planningMs, long executionMs,
        long rowCount, Optional<String> shape, List<RecordedFragment> fragments) {
    public RecordedQuery {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(shape, "shape");
        fragments = List.copyOf(fragments);
    }
}
