package dev.junction.sql;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.util.Objects;
import java.util.Optional;

/**
 * How a protocol's reading of a query ended: the rows it sent, or the error its client got.
 *
 * @param rowCount rows sent to the client
 * @param failure the error, when the query did not finish
 */
public record QueryOutcome(long rowCount, Optional<JunctionException> failure) {
    /** What a protocol reports when it did not get as far as an outcome (an unexpected error). */
    public static final QueryOutcome UNKNOWN = failed(
            new JunctionException(ErrorCode.INTERNAL_ERROR, "The query ended without an outcome"));

    public QueryOutcome {
        Objects.requireNonNull(failure, "failure");
    }

    public static QueryOutcome finished(long rowCount) {
        return new QueryOutcome(rowCount, Optional.empty());
    }

    public static QueryOutcome failed(JunctionException failure) {
        return new QueryOutcome(0, Optional.of(failure));
    }
}
