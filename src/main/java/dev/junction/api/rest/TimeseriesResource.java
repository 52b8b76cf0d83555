package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.metrics.CurrentValues;
import dev.junction.metrics.MetricQueries;
import dev.junction.metrics.MetricQuery;
import dev.junction.metrics.MetricQueryReader;
import dev.junction.metrics.MetricTable;
import dev.junction.metrics.MetricTables;
import dev.junction.sql.QueryMode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/query/timeseries}: Druid's timeseries query in the seed format: metrics of a datasource
 * aggregated per time bucket over one or more intervals, answered through the SQL planner (a hybrid table is
 * read from both its tiers).
 */
@Path("/api/v1/query/timeseries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TimeseriesResource {
    private final MetricTables tables;
    private final MetricQueries queries;
    private final MetricQueryReader reader = new MetricQueryReader(Clock.systemUTC());
    private final Duration timeout;

    public TimeseriesResource(MetricTables tables, MetricQueries queries, GatewayConfig config) {
        this.tables = tables;
        this.queries = queries;
        this.timeout = config.query().timeout();
    }

    /**
     * @param datasource the table (default the live hybrid table, e.g. metrics.points; or druid.metrics, …)
     * @param metrics a metric name or a list of them
     * @param intervals ISO-8601 "start/end" intervals, one or a list
     * @param granularity second, minute, hour, day (or 1s, 1m, 1h, 1d) or all (default)
     * @param aggregation avg (default), sum, count, min, max, p50, p90, p95, p99, distinct
     * @param groupBy dimensions to split each metric's series by
     * @param filters dimension → a value or a list of values
     * @param mode auto (default), batch, realtime or cache
     * @param cache false to bypass the result cache
     */
    public record TimeseriesRequest(String datasource, Object metrics, Object intervals, String granularity,
            String aggregation, @JsonProperty("group_by") Object groupBy, Map<String, Object> filters, String mode,
            Boolean cache) {
    }

    /** One series: a metric (and group), its points in time order. */
    public record Series(String metric, Map<String, Object> group, List<Point> points) {
    }

    public record Point(Instant timestamp, Object value) {
    }

    /**
     * @param queryIds one query per interval
     * @param sql the statement each ran (with ? for the metric names, the interval and filter values)
     */
    public record Metadata(@JsonProperty("query_ids") List<String> queryIds, String sql, List<String> cache,
            @JsonProperty("server_ms") double serverMs) {
    }

    public record TimeseriesResponse(String datasource, String granularity, String aggregation, List<Series> series,
            Metadata metadata) {
    }

    @POST
    @RunOnVirtualThread
    public TimeseriesResponse timeseries(TimeseriesRequest body) {
        long arrived = System.nanoTime();
        if (body == null || body.metrics() == null || body.intervals() == null) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST,
                    "The request needs \"metrics\" and \"intervals\" (and optionally datasource, granularity, aggregation)");
        }
        MetricTable table = tables.find(body.datasource() == null ? tables.live() : body.datasource(), timeout);
        QueryMode mode = QueryResource.mode(body.mode());
        List<String> intervals = intervals(body.intervals());
        Map<String, Series> series = new LinkedHashMap<>();
        List<String> queryIds = new ArrayList<>();
        List<String> cache = new ArrayList<>();
        String sql = null;
        MetricQuery first = null;
        for (String interval : intervals) {
            String[] ends = interval.split("/");
            if (ends.length != 2) {
                throw new JunctionException(ErrorCode.INVALID_REQUEST,
                        "An interval is \"start/end\" in ISO-8601, e.g. 2026-12-01T00:00:00Z/2026-12-02T00:00:00Z; got '"
                                + interval + "'");
            }
            MetricQuery query = reader.read(body.metrics(), body.aggregation(), body.granularity(), ends[0], ends[1],
                    null, body.groupBy(), body.filters());
            first = first == null ? query : first;
            MetricQuery.MetricSql compiled = query.toSql(table);
            sql = compiled.sql();
            MetricQueries.Run run = queries.run(compiled.sql(), compiled.parameters(), mode,
                    !Boolean.FALSE.equals(body.cache()));
            queryIds.add(run.queryId());
            cache.add(run.answer().cache().externalName());
            collect(run, query, series);
        }
        double serverMs = Math.round((System.nanoTime() - arrived) / 1_000.0) / 1_000.0;
        return new TimeseriesResponse(table.displayName(),
                first.bucket().map(bucket -> bucket.name().toLowerCase(java.util.Locale.ROOT)).orElse("all"),
                first.aggregation().externalName(), List.copyOf(series.values()),
                new Metadata(queryIds, sql, cache, serverMs));
    }

    /** Rows (time?, metric, groups…, value) into series keyed by metric and group. */
    private static void collect(MetricQueries.Run run, MetricQuery query, Map<String, Series> series) {
        int offset = query.bucket().isPresent() ? 1 : 0;
        for (Object[] row : run.answer().rows()) {
            String metric = (String) row[offset];
            Map<String, Object> group = new LinkedHashMap<>();
            for (int i = 0; i < query.groupBy().size(); i++) {
                group.put(query.groupBy().get(i), row[offset + 1 + i]);
            }
            Instant timestamp = offset == 1 ? CurrentValues.instant(row[0]) : query.start();
            series.computeIfAbsent(metric + "\u0000" + group, key -> new Series(metric, group, new ArrayList<>()))
                    .points().add(new Point(timestamp, row[row.length - 1]));
        }
    }

    private static List<String> intervals(Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(Object::toString).toList();
        }
        throw new JunctionException(ErrorCode.INVALID_REQUEST, "\"intervals\" must be an interval or a list of them");
    }
}
