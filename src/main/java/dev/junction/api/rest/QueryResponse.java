package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.sql.Column;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/query}: a public contract that later features extend, never break.
 *
 * @param columns name and SQL type of each column
 * @param rows the values, one array per row
 * @param metadata how the answer was produced
 * @param explain the plan, when the request asked for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryResponse(List<Column> columns, List<Object[]> rows, Metadata metadata, ExplainOutput explain) {

    /**
     * @param queryId the id DELETE /api/v1/query/{id} cancels and the query history knows
     * @param fragments what each engine ran
     * @param planningMs parse, validation and optimization time (near 0 when the plan was cached)
     * @param executionMs from start until the last row was read
     * @param cache hit (from the result cache: no fragment ran), miss (from the engines, now cached) or bypass
     *     (from the engines without the cache: asked for, non-deterministic, or the cache is down)
     * @param partial true when an engine did not answer and the client accepted partial results
     * @param shape how the plan used the engines: route, split, engine_and_gateway, gateway_only
     * @param rowCount rows in this response
     * @param truncated true when the result had more rows than max_rows
     * @param planCached true when the statement's plan came from the plan cache (the same text was planned before)
     * @param cacheAgeMs the cached answer's age: since the engines produced it (0 on a miss), null on a bypass
     * @param serverMs the gateway's time for this request, from the request's arrival to the answer being ready
     *     (JSON writing excluded), in milliseconds with microsecond precision
     * @param hybrid how the hybrid table was read, when the statement reads it; absent otherwise
     * @param timeBucket the start of the request's time bucket (ISO-8601 UTC), the instant its current-time
     *     functions evaluated to, when the request gave {@code time_bucket}; absent otherwise
     */
    public record Metadata(
            @JsonProperty("query_id") String queryId,
            List<Fragment> fragments,
            @JsonProperty("planning_ms") long planningMs,
            @JsonProperty("execution_ms") long executionMs,
            String cache,
            boolean partial,
            String shape,
            @JsonProperty("row_count") long rowCount,
            boolean truncated,
            @JsonProperty("plan_cached") boolean planCached,
            @JsonProperty("cache_age_ms") Long cacheAgeMs,
            @JsonProperty("server_ms") double serverMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) Hybrid hybrid,
            @JsonProperty("time_bucket") @JsonInclude(JsonInclude.Include.NON_NULL) String timeBucket) {
    }

    /**
     * @param table the hybrid table, schema.table
     * @param watermark W the statement split at (ISO-8601 UTC): cold rows are before it
     * @param sequence S: the last handoff whose rows the cold tier showed
     * @param tiers the engines the answer comes from, cold first
     * @param partial true when a tier was left out because its engine was down (the request accepted it)
     * @param missing the tiers left out
     */
    public record Hybrid(String table, String watermark, long sequence, List<String> tiers, boolean partial,
            List<String> missing) {
    }

    /**
     * @param engine the connector it ran on
     * @param sql the exact statement sent
     * @param rows rows the engine returned
     * @param ms its run time
     * @param state finished, cancelled, failed or running
     */
    public record Fragment(String engine, String sql, long rows, long ms, String state) {
    }

    /**
     * @param shape route, split, engine_and_gateway or gateway_only
     * @param fragments the statements each engine would run, with the planner's row estimate
     * @param plan the whole plan as text, fragments and the gateway's operators above them
     * @param replicas the engine each replicated logical table is read from, and why
     */
    public record ExplainOutput(String shape, List<ExplainedFragment> fragments, String plan,
            List<ExplainedReplica> replicas) {
    }

    /**
     * @param table the replicated logical table, as schema.table
     * @param engine the connector whose replica it is read from
     * @param reason why that one: a hint, the mode, the statement's other tables in that engine, or declared first
     */
    public record ExplainedReplica(String table, String engine, String reason) {
    }

    /**
     * @param engine the connector it would run on
     * @param sql the exact statement that would be sent
     * @param estimatedRows the planner's estimate
     */
    public record ExplainedFragment(String engine, String sql, @JsonProperty("estimated_rows") double estimatedRows) {
    }
}
