package dev.junction.sql;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One SQL statement as a client asked for it, whatever the protocol.
 *
 * @param sql the statement, with {@code ?} for parameters
 * @param parameters the values of the {@code ?}s, in order
 * @param mode which engine replicated tables should prefer
 * @param timeout the query's deadline
 * @param maxRows the most rows to return
 * @param explain true to get the plan instead of running it
 * @param cache false to answer from the engines without the result cache
 * @param partial true to accept an answer of the hybrid table without a tier whose engine is down
 * @param fixedNow the instant the statement's current-time functions evaluate to, when the request fixes one (the
 *     start of its time bucket, see {@link NowBucket}): the statement is then deterministic and may be cached;
 *     empty: they evaluate when the query runs
 */
public record SqlRequest(String sql, List<Object> parameters, QueryMode mode, Duration timeout, long maxRows,
        boolean explain, boolean cache, boolean partial, Optional<Instant> fixedNow) {
    public SqlRequest {
        Objects.requireNonNull(sql, "sql");
        // Parameters may be null values, which List.copyOf refuses.
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        Objects.requireNonNull(fixedNow, "fixedNow");
    }

    /** A request whose current-time functions evaluate when the query runs. */
    public SqlRequest(String sql, List<Object> parameters, QueryMode mode, Duration timeout, long maxRows,
            boolean explain, boolean cache, boolean partial) {
        this(sql, parameters, mode, timeout, maxRows, explain, cache, partial, Optional.empty());
    }

    /** A request that may be answered from the result cache. */
    public SqlRequest(String sql, List<Object> parameters, QueryMode mode, Duration timeout, long maxRows,
            boolean explain) {
        this(sql, parameters, mode, timeout, maxRows, explain, true, false);
    }

    /** A request that needs every tier of the hybrid table. */
    public SqlRequest(String sql, List<Object> parameters, QueryMode mode, Duration timeout, long maxRows,
            boolean explain, boolean cache) {
        this(sql, parameters, mode, timeout, maxRows, explain, cache, false);
    }
}
