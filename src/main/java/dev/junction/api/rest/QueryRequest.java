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
 * @param partial true to accept an answer of the hybrid table from one tier when the other tier's engine is down
 *     (default false: the query fails with ENGINE_UNAVAILABLE)
 */
public record QueryRequest(
        String sql,
        List<Object> parameters,
        String mode,
        Object timeout,
        @JsonProperty("max_rows") Long maxRows,
        Boolean explain,
        Boolean cache,
        Boolean partial) {
}
