package dev.junction.sql.exec;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Duration;

/** The moment a query must have finished by, shared by all its fragments. */
public record QueryDeadline(long deadlineNanos, Duration timeout) {
    public static QueryDeadline after(Duration timeout) {
        return new QueryDeadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    public long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    public boolean passed() {
        return remainingNanos() == 0;
    }

    public JunctionException exceeded() {
        return new JunctionException(ErrorCode.QUERY_TIMEOUT,
                "The query did not finish within its timeout of " + timeout.toMillis() / 1000.0 + " s");
    }
}
