package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.history.QueryState;
import dev.junction.history.RecordedFragment;
import dev.junction.history.RecordedQuery;
import dev.junction.sql.QueryCoordinator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/queries}: the queries running now, with their ids (what DELETE /api/v1/query/{id} takes), then
 * the query history, newest first; {@code GET /api/v1/queries/{id}}: one of them.
 */
@Path("/api/v1/queries")
@Produces(MediaType.APPLICATION_JSON)
public class QueriesResource {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final QueryCoordinator coordinator;

    public QueriesResource(QueryCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * @param queryId the query's id
     * @param sql its text as the client sent it
     * @param state running, finished, failed, cancelled or timed_out
     * @param elapsedMs since it started running, until it ended
     * @param errorCode the code it failed with, or null
     * @param errorMessage the message its client got, or null
     * @param startedAt when it arrived
     * @param endedAt when it ended, or null while it runs
     * @param planningMs parse, validation and optimization time
     * @param rowCount rows sent to the client so far
     * @param shape route, split, engine_and_gateway, gateway_only; null when planning failed
     * @param fragments what each engine ran
     */
    public record QuerySummary(@JsonProperty("query_id") String queryId, String sql, String state,
            @JsonProperty("elapsed_ms") long elapsedMs, @JsonProperty("error_code") String errorCode,
            @JsonProperty("error_message") String errorMessage, @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("ended_at") Instant endedAt, @JsonProperty("planning_ms") long planningMs,
            @JsonProperty("row_count") long rowCount, String shape, List<Fragment> fragments) {
    }

    /**
     * @param engine the connector it ran on
     * @param engineQueryId the engine's id of the statement (Trino's query id, Druid's sqlQueryId), or null
     * @param sql the exact statement sent
     * @param rows rows the engine returned
     * @param ms its run time
     * @param state finished, failed, cancelled or running
     * @param cancelled true when Junction cancelled it on its engine
     */
    public record Fragment(String engine, @JsonProperty("engine_query_id") String engineQueryId, String sql, long rows,
            long ms, String state, boolean cancelled) {
    }

    /**
     * @param limit the most queries listed, 1 to 1000 (default 50)
     * @param state only queries in this state: running, finished, failed, cancelled or timed_out
     */
    @GET
    public List<QuerySummary> list(@QueryParam("limit") String limit, @QueryParam("state") String state) {
        return coordinator.queries(limit(limit), state(state)).stream().map(QueriesResource::summary).toList();
    }

    @GET
    @Path("/{id}")
    public QuerySummary one(@PathParam("id") String queryId) {
        return summary(coordinator.getQuery(queryId));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        throw new JunctionException(ErrorCode.INVALID_REQUEST,
                "limit must be a number between 1 and " + MAX_LIMIT + ", got '" + value + "'");
    }

    private static Optional<QueryState> state(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(QueryState.parse(value.strip()).orElseThrow(() -> new JunctionException(
                ErrorCode.INVALID_REQUEST,
                "Unknown state '" + value + "'; use running, finished, failed, cancelled or timed_out")));
    }

    private static QuerySummary summary(RecordedQuery query) {
        return new QuerySummary(query.queryId(), query.sql(), query.state().label(), query.executionMs(),
                query.errorCode().map(Enum::name).orElse(null), query.errorMessage().orElse(null), query.startedAt(),
                query.endedAt().orElse(null), query.planningMs(), query.rowCount(), query.shape().orElse(null),
                query.fragments().stream().map(QueriesResource::fragment).toList());
    }

    private static Fragment fragment(RecordedFragment fragment) {
        return new Fragment(fragment.engine(), fragment.engineQueryId().orElse(null), fragment.sql(), fragment.rows(),
                fragment.ms(), fragment.state(), fragment.cancelled());
    }
}
