package dev.junction.api.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.cache.CacheStatus;
import dev.junction.cache.CachedQueries;
import dev.junction.cache.QueryAnswer;
import dev.junction.api.TimeoutValue;
import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.metrics.MetricQuery;
import dev.junction.metrics.MetricQueryReader;
import dev.junction.metrics.MetricTables;
import dev.junction.sql.NowBucket;
import dev.junction.sql.PlannedFragment;
import dev.junction.sql.PlannedQuery;
import dev.junction.sql.QueryCoordinator;
import dev.junction.sql.QueryMode;
import dev.junction.sql.QueryOutcome;
import dev.junction.sql.SqlRequest;
import dev.junction.sql.exec.FragmentStats;
import dev.junction.sql.exec.RunningQuery;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.calcite.plan.RelOptUtil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code POST /api/v1/query}: one SQL statement over every engine; {@code DELETE /api/v1/query/{id}} cancels one. */
@Path("/api/v1/query")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueryResource {
    /** The response header of streamed results that names the query, for DELETE /api/v1/query/{id}. */
    static final String QUERY_ID_HEADER = "X-Junction-Query-Id";
    /** What {@code metadata.cache} says of a JSON answer, for streamed ones: they always bypass the cache. */
    static final String CACHE_HEADER = "X-Junction-Cache";

    private final QueryCoordinator coordinator;
    private final CachedQueries cachedQueries;
    private final GatewayConfig.Query limits;
    private final ObjectMapper json;
    private final MetricTables metricTables;
    private final Clock clock = Clock.systemUTC();
    private final MetricQueryReader metricReader = new MetricQueryReader(clock);

    public QueryResource(QueryCoordinator coordinator, CachedQueries cachedQueries, GatewayConfig config,
            ObjectMapper json, MetricTables metricTables) {
        this.coordinator = coordinator;
        this.cachedQueries = cachedQueries;
        this.limits = config.query();
        this.json = json;
        this.metricTables = metricTables;
    }

    @POST
    @RunOnVirtualThread
    public QueryResponse query(QueryRequest body) {
        long arrivedNanos = System.nanoTime();
        SqlRequest request = request(body);
        String queryId = QueryCoordinator.newQueryId();
        PlannedQuery planned = coordinator.plan(queryId, request);
        if (request.explain() || planned.explain()) {
            return explain(queryId, planned, request, arrivedNanos);
        }
        QueryAnswer answer;
        try {
            answer = cachedQueries.run(queryId, planned, request);
        } catch (JunctionException e) {
            throw e.withQueryId(queryId);
        }
        return new QueryResponse(answer.columns(), answer.rows(), metadata(queryId, planned, request,
                answer.fragments(), answer.executionMs(), answer.rows().size(), answer.truncated(), answer.cache(),
                answer.ageMs(), arrivedNanos), null);
    }

    /**
     * The same query, its rows streamed as NDJSON or CSV as the engines produce them ({@code Accept} chooses);
     * {@code max_rows} applies only when given. The query id is in the {@code X-Junction-Query-Id} header, for
     * DELETE. A query that fails before its first row gets the usual coded JSON error.
     */
    @POST
    @RunOnVirtualThread
    @Produces({RowStream.NDJSON, RowStream.CSV})
    public Response stream(QueryRequest body, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        SqlRequest request = request(body, Long.MAX_VALUE);
        String queryId = QueryCoordinator.newQueryId();
        PlannedQuery planned = coordinator.plan(queryId, request);
        if (request.explain() || planned.explain()) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST,
                    "EXPLAIN answers in JSON only; ask with Accept: application/json");
        }
        boolean csv = accept != null && accept.contains(RowStream.CSV) && !accept.contains(RowStream.NDJSON);
        RunningQuery running = coordinator.start(queryId, planned, request);
        Optional<Object[]> first;
        try {
            first = running.next();
        } catch (JunctionException e) {
            coordinator.finished(queryId, QueryOutcome.failed(e));
            throw e.withQueryId(queryId);
        }
        RowStream rows = new RowStream(running, planned.columns(), first, request.maxRows(), csv, json,
                outcome -> coordinator.finished(queryId, outcome));
        return Response.ok(rows, csv ? RowStream.CSV + "; charset=utf-8" : RowStream.NDJSON)
                .header(QUERY_ID_HEADER, queryId).header(CACHE_HEADER, CacheStatus.BYPASS.externalName()).build();
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String queryId) {
        if (!coordinator.cancel(queryId)) {
            throw new JunctionException(ErrorCode.QUERY_NOT_FOUND, "No running query has the id '" + queryId + "'");
        }
        return Response.ok(Map.of("query_id", queryId, "state", "cancelled")).build();
    }

    private SqlRequest request(QueryRequest body) {
        return request(body, limits.maxRows());
    }

    /** The request, validated; {@code defaultMaxRows} when it names none, and at most that many. */
    private SqlRequest request(QueryRequest body, long defaultMaxRows) {
        if (body != null && (body.sql() == null || body.sql().isBlank()) && body.metrics() != null) {
            return structured(body, defaultMaxRows, fixedNow(body));
        }
        if (body == null || body.sql() == null || body.sql().isBlank()) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST,
                    "The request needs a JSON body with \"sql\", or \"metrics\" for a structured metric query");
        }
        if (body.sql().length() > limits.maxSqlLength()) {
            throw new JunctionException(ErrorCode.REQUEST_TOO_LARGE, "The SQL text has " + body.sql().length()
                    + " characters; the most accepted is " + limits.maxSqlLength());
        }
        return new SqlRequest(body.sql(), body.parameters() == null ? List.of() : body.parameters(), mode(body.mode()),
                timeout(body.timeout()), maxRows(body, defaultMaxRows), Boolean.TRUE.equals(body.explain()),
                !Boolean.FALSE.equals(body.cache()), Boolean.TRUE.equals(body.partial()), fixedNow(body));
    }

    /** The start of the request's time bucket, when it names one: the instant its "now" stands for. */
    private Optional<Instant> fixedNow(QueryRequest body) {
        return Optional.ofNullable(body.timeBucket()).map(text -> NowBucket.parse(text).start(clock.instant()));
    }

    /**
     * A structured metric query, compiled to SQL on the live hybrid table (the SQL is in the query history); its
     * range ends, by default, at {@code fixedNow} when the request has a time bucket.
     */
    private SqlRequest structured(QueryRequest body, long defaultMaxRows, Optional<Instant> fixedNow) {
        if (body.parameters() != null) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "\"parameters\" go with \"sql\", not with \"metrics\"");
        }
        MetricQueryReader reader = fixedNow.map(now -> new MetricQueryReader(Clock.fixed(now, ZoneOffset.UTC)))
                .orElse(metricReader);
        MetricQuery query = reader.read(body.metrics(), body.aggregation(), body.window(), body.startTime(),
                body.endTime(), body.timeRange(), body.groupBy(), body.filters());
        Duration timeout = timeout(body.timeout());
        MetricQuery.MetricSql compiled = query.toSql(metricTables.live(timeout));
        return new SqlRequest(compiled.sql(), compiled.parameters(), mode(body.mode()), timeout,
                maxRows(body, defaultMaxRows), Boolean.TRUE.equals(body.explain()), !Boolean.FALSE.equals(body.cache()),
                Boolean.TRUE.equals(body.partial()), fixedNow);
    }

    private static long maxRows(QueryRequest body, long defaultMaxRows) {
        long maxRows = body.maxRows() == null ? defaultMaxRows : body.maxRows();
        if (maxRows <= 0 || maxRows > defaultMaxRows) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST,
                    "max_rows must be between 1 and " + defaultMaxRows + ", got " + maxRows);
        }
        return maxRows;
    }

    /** The mode a request names: auto when none. */
    static QueryMode mode(String name) {
        return name == null ? QueryMode.AUTO : QueryMode.parse(name).orElseThrow(() ->
                new JunctionException(ErrorCode.INVALID_REQUEST,
                        "Unknown mode '" + name + "'; use auto, batch, realtime or cache"));
    }

    private Duration timeout(Object value) {
        if (value == null) {
            return limits.timeout();
        }
        Duration timeout = TimeoutValue.parse(value);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(limits.maxTimeout()) > 0) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "timeout must be positive and at most "
                    + limits.maxTimeout().toSeconds() + " s, got " + value);
        }
        return timeout;
    }

    private static QueryResponse explain(String queryId, PlannedQuery planned, SqlRequest request, long arrivedNanos) {
        List<QueryResponse.ExplainedFragment> fragments = planned.fragments().stream()
                .map(QueryResource::explained)
                .toList();
        String shape = planned.shape().name().toLowerCase(Locale.ROOT);
        String plan = RelOptUtil.toString(planned.plan()) + planned.hybrid()
                .map(read -> "Hybrid table " + read.table() + " split at watermark " + read.watermark() + ", sequence "
                        + read.sequence() + " (tiers " + String.join(", ", read.tiers()) + ")\n")
                .orElse("");
        return new QueryResponse(List.of(new dev.junction.sql.Column("PLAN", "VARCHAR")),
                List.<Object[]>of(new Object[] {plan}),
                metadata(queryId, planned, request, List.of(), 0, 1, false, CacheStatus.BYPASS,
                        OptionalLong.empty(), arrivedNanos),
                new QueryResponse.ExplainOutput(shape, fragments, plan, planned.replicas().stream()
                        .map(choice -> new QueryResponse.ExplainedReplica(choice.table(), choice.engine(),
                                choice.reason()))
                        .toList()));
    }

    private static QueryResponse.ExplainedFragment explained(PlannedFragment fragment) {
        return new QueryResponse.ExplainedFragment(fragment.spec().engine(), fragment.spec().sql(),
                fragment.estimatedRows());
    }

    private static QueryResponse.Metadata metadata(String queryId, PlannedQuery planned, SqlRequest request,
            List<FragmentStats> fragments, long executionMs, long rowCount, boolean truncated, CacheStatus cache,
            OptionalLong cacheAgeMs, long arrivedNanos) {
        List<QueryResponse.Fragment> ran = fragments.stream().map(stats -> new QueryResponse.Fragment(stats.engine(),
                stats.sql(), stats.rows(), stats.millis(), stats.state().name().toLowerCase(Locale.ROOT))).toList();
        double serverMs = Math.round((System.nanoTime() - arrivedNanos) / 1_000.0) / 1_000.0;
        QueryResponse.Hybrid hybrid = planned.hybrid().map(read -> new QueryResponse.Hybrid(read.table(),
                read.watermark().toString(), read.sequence(), read.tiers(), read.partial(), read.missing()))
                .orElse(null);
        return new QueryResponse.Metadata(queryId, ran, planned.planningMillis(), executionMs, cache.externalName(),
                hybrid != null && hybrid.partial(), planned.shape().name().toLowerCase(Locale.ROOT), rowCount,
                truncated, planned.cached(), cacheAgeMs.isPresent() ? cacheAgeMs.getAsLong() : null, serverMs, hybrid,
                request.fixedNow().map(Instant::toString).orElse(null));
    }
}
