package dev.junction.sql;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 */
public record SqlRequest(String sql, List<Object> parameters, QueryMode mode, Duration timeout, long maxRows,
        boolean explain, boolean cache, boolean partial) {
    public SqlRequest {
        Objects.requireNonNull(sql, "sql");
        // Parameters may be null values, which List.copyOf refuses.
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
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
