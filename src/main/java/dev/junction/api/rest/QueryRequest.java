package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code POST /api/v1/query}.
 *
 * @param sql the statement, with {@code ?} for parameters
 * @param parameters values of the {@code ?}s, in order (dates as "YYYY-MM-DD")
 * @param mode auto (default), batch, realtime or cache
 * @param timeout the deadline: seconds as a number, or a duration such as "500ms", "30s", "2m"
 * @param maxRows the most rows to return
 * @param explain true to get the plan instead of the rows
 * @param cache false to answer from the engines without the result cache (default true)
 * @param metrics instead of sql, a structured metric query (docs/metrics.md, "Seed APIs"): a metric name or a list
 * @param window its time buckets: 1s, 1m, 1h, 1d (or second … day); absent: one row per group
 * @param aggregation avg (default), sum, count, min, max, p50, p90, p95, p99, distinct
 * @param startTime the range's start (ISO-8601 or epoch ms), with endTime (default now)
 * @param endTime the range's end
 * @param timeRange instead of start_time, the range back from now: 15m, 1h (default), 7d
 * @param groupBy dimensions to group by beside the metric's name
 * @param filters dimension → a value or a list of values
 * @param partial true to accept an answer of the hybrid table from one tier when the other tier's engine is down
 *     (default false: the query fails with ENGINE_UNAVAILABLE)
 * @param timeBucket a duration such as "10s", "1m", "1h": the statement's current-time functions (and a structured
 *     query's "now") evaluate at the start of the bucket that holds the current instant, so that its answer is
 *     cached for the bucket; absent: they evaluate per run and the answer is not cached
 */
public record QueryRequest(
        String sql,
        List<Object> parameters,
        String mode,
        Object timeout,
        @JsonProperty("max_rows") Long maxRows,
        Boolean explain,
        Boolean cache,
        Object metrics,
        String window,
        String aggregation,
        @JsonProperty("start_time") Object startTime,
        @JsonProperty("end_time") Object endTime,
        @JsonProperty("time_range") String timeRange,
        @JsonProperty("group_by") Object groupBy,
        java.util.Map<String, Object> filters,
        Boolean partial,
        @JsonProperty("time_bucket") String timeBucket) {
}
