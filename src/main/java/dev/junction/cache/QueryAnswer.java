package dev.junction.cache;

import dev.junction.sql.Column;
import dev.junction.sql.exec.FragmentStats;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A query's whole answer, from the engines or from the result cache.
 *
 * @param columns name and SQL type of each column
 * @param rows the values, one array per row, at most the request's max rows
 * @param truncated whether there were more rows than the request's max rows
 * @param fragments what each engine ran (none when the answer came from the cache)
 * @param executionMs from start until the last row was read, or the cache lookup's time
 * @param cache hit, miss or bypass
 * @param ageMs the cached entry's age: since the engines answered (0 on a miss), empty on a bypass
 */
public record QueryAnswer(List<Column> columns, List<Object[]> rows, boolean truncated, List<FragmentStats> fragments,
        long executionMs, CacheStatus cache, OptionalLong ageMs) {
    public QueryAnswer {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(Objects.requireNonNull(rows, "rows"));
        fragments = List.copyOf(fragments);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(ageMs, "ageMs");
    }
}
