package dev.junction.history;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a query ended, with its fragments' final stats.
 *
 * @param queryId its id
 * @param state finished, failed, cancelled or timed_out
 * @param errorCode the code it failed with
 * @param errorMessage the message the client got
 * @param endedAt when it ended
 * @param executionMs from start until it ended
 * @param rowCount rows sent to the client
 * @param fragments what each engine ran
 */
public record QueryEnd(String queryId, QueryState state, Optional<ErrorCode> errorCode, Optional<String> errorMessage,
        Instant endedAt, long executionMs, long rowCount, List<RecordedFragment> fragments) {
    public QueryEnd {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(endedAt, "endedAt");
        fragments = List.copyOf(fragments);
    }

    /** The end of a query that finished, or failed with this error. */
    public static QueryEnd of(String queryId, Optional<JunctionException> failure, long executionMs, long rowCount,
            List<RecordedFragment> fragments) {
        Optional<ErrorCode> code = failure.map(JunctionException::code);
        return new QueryEnd(queryId, QueryState.ended(code), code, failure.map(JunctionException::getMessage),
                Instant.now(), executionMs, rowCount, fragments);
    }
}
