package dev.junction.cache;

import dev.junction.sql.Column;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A query's answer as the cache keeps it.
 *
 * @param columns name and SQL type of each column
 * @param rows the values, one array per row, as clients see them
 * @param truncated whether the engines had more rows than the request's max_rows
 * @param createdMillis when the engines answered, in epoch milliseconds (the entry's age starts there)
 * @param stamp the full key it answers ({@link CacheKey#stamp}): the data versions it was computed at
 * @param ttlMillis how long after {@code createdMillis} it is kept (its TTL class's); 0: until Ignite drops it
 */
public record CachedResult(List<Column> columns, List<Object[]> rows, boolean truncated, long createdMillis,
        String stamp, long ttlMillis) {
    public CachedResult {
        Objects.requireNonNull(stamp, "stamp");
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("ttlMillis must not be negative: " + ttlMillis);
        }
        columns = List.copyOf(columns);
        // Rows hold nulls, which List.copyOf refuses in the arrays' place only; the list itself has none.
        rows = Collections.unmodifiableList(Objects.requireNonNull(rows, "rows"));
    }

    /** Milliseconds since the engines answered, never negative (gateways' clocks differ a little). */
    public long ageMillis(long nowMillis) {
        return Math.max(0, nowMillis - createdMillis);
    }

    /** Whether its TTL has run out (Ignite's copy expires then too). */
    public boolean expired(long nowMillis) {
        return ttlMillis > 0 && nowMillis - createdMillis >= ttlMillis;
    }
}
