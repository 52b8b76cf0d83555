package dev.junction.history;

import dev.junction.error.ErrorCode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a query is in its life, as the query history shows it. */
public enum QueryState {
    RUNNING,
    FINISHED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    /** How a query ended: without an error it finished; cancellation and timeout have states of their own. */
    public static QueryState ended(Optional<ErrorCode> failure) {
        return failure.map(QueryState::failedWith).orElse(FINISHED);
    }

    private static QueryState failedWith(ErrorCode code) {
        if (code == ErrorCode.QUERY_CANCELLED) {
            return CANCELLED;
        }
        return code == ErrorCode.QUERY_TIMEOUT ? TIMED_OUT : FAILED;
    }

    /** The state named as clients write it (running, timed_out, …). */
    public static Optional<QueryState> parse(String label) {
        return Arrays.stream(values()).filter(state -> state.label().equals(label)).findFirst();
    }

    /** The name clients see: lower case, e.g. {@code timed_out}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
