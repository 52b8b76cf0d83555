package dev.junction.history;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Duration;
import java.time.Instant;

/**
 * What the query history keeps: the newest {@code maxQueries} queries that are younger than {@code maxAge};
 * the rest is pruned every {@code pruneEvery} recorded queries, and once at startup.
 *
 * @param maxQueries how many queries are kept at most
 * @param maxAge how old a kept query may be
 * @param pruneEvery how many ended queries are recorded between two prunes
 */
public record HistoryRetention(int maxQueries, Duration maxAge, int pruneEvery) {
    public HistoryRetention {
        if (maxQueries < 1) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION,
                    "junction.history.max-queries must be at least 1, got " + maxQueries);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION,
                    "junction.history.retention must be positive, got " + maxAge);
        }
        if (pruneEvery < 1) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "pruneEvery must be at least 1");
        }
    }

    /** Queries that started before this instant are removed. */
    public Instant cutoff(Instant now) {
        return now.minus(maxAge);
    }

    /**
     * Whether the history is pruned after the ended queries recorded went from {@code before} to {@code after}
     * (one batch of writes): after the first one and after every {@code pruneEvery} more.
     */
    public boolean pruneAfter(long before, long after) {
        return Math.floorDiv(after - 1, pruneEvery) != Math.floorDiv(before - 1, pruneEvery);
    }
}
