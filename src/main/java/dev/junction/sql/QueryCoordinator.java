package dev.junction.sql;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.history.QueryEnd;
import dev.junction.history.QueryHistory;
import dev.junction.history.QueryStart;
import dev.junction.history.QueryState;
import dev.junction.history.RecordedFragment;
import dev.junction.history.RecordedQuery;
import dev.junction.sql.exec.BoundParameters;
import dev.junction.sql.exec.FragmentState;
import dev.junction.sql.exec.FragmentStats;
import dev.junction.sql.exec.QueryRunner;
import dev.junction.sql.exec.RunningQuery;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The one path every protocol's queries take: plan, start, and keep each running query findable by its id
 * until it is closed, so that it can be cancelled from anywhere; every query's start and end go to the history.
 */
@Singleton
public class QueryCoordinator {
    private final QueryPlanner planner;
    private final QueryRunner runner;
    private final QueryHistory history;
    private final Map<String, RunningQuery> running = new ConcurrentHashMap<>();

    public QueryCoordinator(QueryPlanner planner, QueryRunner runner, QueryHistory history) {
        this.planner = planner;
        this.runner = runner;
        this.history = history;
    }

    public static String newQueryId() {
        return UUID.randomUUID().toString();
    }

    /** Plans a statement; one that fails planning is recorded in the history as failed under this id. */
    public PlannedQuery plan(String queryId, SqlRequest request) {
        Instant received = Instant.now();
        long startNanos = System.nanoTime();
        try {
            return planner.plan(request.sql(), request.mode(), request.partial(), request.fixedNow());
        } catch (JunctionException e) {
            history.started(new QueryStart(queryId, request.sql(), received,
                    (System.nanoTime() - startNanos) / 1_000_000, Optional.empty()));
            history.ended(QueryEnd.of(queryId, Optional.of(e), 0, 0, List.of()));
            throw e;
        }
    }

    /** Starts a planned query; the caller reads and closes it, and must call {@link #finished} after. */
    public RunningQuery start(String queryId, PlannedQuery planned, SqlRequest request) {
        QueryStart start = new QueryStart(queryId, planned.sql(), Instant.now().minusMillis(planned.planningMillis()),
                planned.planningMillis(), Optional.of(shape(planned)));
        RunningQuery query;
        try {
            BoundParameters parameters = BoundParameters.bind(planned.parameterTypes(), request.parameters());
            query = runner.start(planned, queryId, parameters, request.timeout());
        } catch (RuntimeException e) {
            history.started(start);
            throw e;
        }
        running.put(queryId, query);
        // Recorded once it is cancellable: whoever sees it as running can DELETE it.
        history.started(start);
        return query;
    }

    /** Ends a started query (closing what still runs) and records how it ended, with its fragments. */
    public void finished(String queryId, QueryOutcome outcome) {
        Optional<RunningQuery> query = Optional.ofNullable(running.remove(queryId));
        long executionMs = query.map(RunningQuery::elapsedMillis).orElse(0L);
        query.ifPresent(RunningQuery::close);
        List<RecordedFragment> fragments = query.map(RunningQuery::fragments).orElse(List.of()).stream()
                .map(QueryCoordinator::recorded).toList();
        history.ended(QueryEnd.of(queryId, outcome.failure(), executionMs, outcome.rowCount(), fragments));
    }

    /**
     * Records a query answered without starting it on any engine (from the result cache): in the history it
     * finished with these rows and no fragments.
     */
    public void answered(String queryId, PlannedQuery planned, long executionMs, long rowCount) {
        history.started(new QueryStart(queryId, planned.sql(), Instant.now().minusMillis(planned.planningMillis()),
                planned.planningMillis(), Optional.of(shape(planned))));
        history.ended(QueryEnd.of(queryId, Optional.empty(), executionMs, rowCount, List.of()));
    }

    /** The queries running now, oldest first. */
    public List<RunningQuery> running() {
        return running.values().stream().sorted(Comparator.comparingLong(RunningQuery::startNanos)).toList();
    }

    /**
     * The queries running now and then the recorded ones, newest first, optionally only those in one state.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when the metadata store does not answer
     */
    public List<RecordedQuery> queries(int limit, Optional<QueryState> state) {
        List<RecordedQuery> live = running().reversed().stream().map(QueryCoordinator::recorded)
                .filter(query -> state.isEmpty() || state.get() == query.state()).toList();
        // Running queries are this gateway's, which DELETE can cancel; a recorded "running" row is another
        // gateway's, or one that stopped before its query ended.
        List<RecordedQuery> recorded = history.recent(limit, state).stream()
                .filter(query -> query.state() != QueryState.RUNNING).toList();
        return Stream.concat(live.stream(), recorded.stream()).limit(limit).toList();
    }

    /**
     * A running or recorded query.
     *
     * @throws JunctionException QUERY_NOT_FOUND when no query has this id
     */
    public RecordedQuery getQuery(String queryId) {
        return Optional.ofNullable(running.get(queryId)).map(QueryCoordinator::recorded)
                .or(() -> history.find(queryId))
                .orElseThrow(() -> new JunctionException(ErrorCode.QUERY_NOT_FOUND,
                        "No query has the id '" + queryId + "'"));
    }

    /** Whether a query with this id is running now. */
    public boolean isRunning(String queryId) {
        return running.containsKey(queryId);
    }

    /** Cancels a running query on every engine it reached; false when no such query is running. */
    public boolean cancel(String queryId) {
        RunningQuery query = running.get(queryId);
        if (query == null) {
            return false;
        }
        query.cancel();
        return true;
    }

    private static String shape(PlannedQuery planned) {
        return planned.shape().name().toLowerCase(Locale.ROOT);
    }

    private static RecordedQuery recorded(RunningQuery query) {
        long elapsedMs = query.elapsedMillis();
        PlannedQuery planned = query.planned();
        return new RecordedQuery(query.queryId(), planned.sql(), QueryState.RUNNING, Optional.empty(),
                Optional.empty(), Instant.now().minusMillis(elapsedMs + planned.planningMillis()), Optional.empty(),
                planned.planningMillis(), elapsedMs, query.rowCount(), Optional.of(shape(planned)),
                query.fragments().stream().map(QueryCoordinator::recorded).toList());
    }

    private static RecordedFragment recorded(FragmentStats stats) {
        return new RecordedFragment(stats.engine(), stats.engineQueryId(), stats.sql(), stats.rows(), stats.millis(),
                stats.state().name().toLowerCase(Locale.ROOT), stats.state() == FragmentState.CANCELLED);
    }
}
