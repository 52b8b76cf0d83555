package dev.junction.metrics;

import dev.junction.cache.CachedQueries;
import dev.junction.cache.QueryAnswer;
import dev.junction.config.GatewayConfig;
import dev.junction.error.JunctionException;
import dev.junction.sql.PlannedQuery;
import dev.junction.sql.QueryCoordinator;
import dev.junction.sql.QueryMode;
import dev.junction.sql.SqlRequest;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Runs the SQL the metric APIs compile through the same path as every SQL query: planned by the coordinator (one
 * catalog, hybrid tables split at their watermark), answered from the result cache or the engines, recorded in
 * the query history.
 */
@Singleton
public class MetricQueries {
    private final QueryCoordinator coordinator;
    private final CachedQueries cachedQueries;
    private final GatewayConfig.Query limits;

    public MetricQueries(QueryCoordinator coordinator, CachedQueries cachedQueries, GatewayConfig config) {
        this.coordinator = coordinator;
        this.cachedQueries = cachedQueries;
        this.limits = config.query();
    }

    /** One run: its id, its plan, and its answer. */
    public record Run(String queryId, PlannedQuery planned, QueryAnswer answer) {
    }

    /**
     * @throws JunctionException as planning or the engines fail, with the query's id
     */
    public Run run(String sql, List<Object> parameters, QueryMode mode, boolean cache) {
        SqlRequest request = new SqlRequest(sql, parameters, mode, limits.timeout(), limits.maxRows(), false, cache);
        String queryId = QueryCoordinator.newQueryId();
        try {
            PlannedQuery planned = coordinator.plan(queryId, request);
            return new Run(queryId, planned, cachedQueries.run(queryId, planned, request));
        } catch (JunctionException e) {
            throw e.withQueryId(queryId);
        }
    }
}
