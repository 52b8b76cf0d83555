package dev.junction.sql.exec;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.SqlEngine;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One running query's fragments: started together and in parallel, read by the plan's operators, recorded
 * for the result's metadata, and cancelled together.
 */
public final class QueryExecution implements AutoCloseable {
    private final String queryId;
    private final Function<String, SqlEngine> engines;
    private final List<Object> parameters;
    private final QueryDeadline deadline;
    private final Set<FragmentSpec> replayed;
    private final Set<FragmentSpec> heldByPlan;
    private final HeldRows held;
    private final Map<FragmentSpec, Deque<FragmentRun>> startedAhead = new HashMap<>();
    private final Map<FragmentSpec, List<Object[]>> materialized = new ConcurrentHashMap<>();
    private final List<FragmentRun> runs = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> watchdog;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean cancelled;

    /**
     * @param replayed the fragments the plan reads more than once (inner inputs of nested loops): read once and
     *     held in the gateway, within {@code memoryLimitBytes}
     * @param heldByPlan the fragments whose rows the plan's operators hold (hash join build sides, sort inputs):
     *     streamed, but counted against {@code memoryLimitBytes} as they are read
     * @param deadlines where the query's deadline is watched: when it passes, every fragment still running is
     *     stopped on its engine, even while nobody reads rows (a client reading a stream slowly, or not at all)
     */
    public QueryExecution(String queryId, Function<String, SqlEngine> engines, List<Object> parameters,
            QueryDeadline deadline, Set<FragmentSpec> replayed, Set<FragmentSpec> heldByPlan, long memoryLimitBytes,
            ScheduledExecutorService deadlines) {
        this.queryId = queryId;
        this.replayed = Set.copyOf(replayed);
        this.heldByPlan = Set.copyOf(heldByPlan);
        this.held = new HeldRows(queryId, memoryLimitBytes);
        this.engines = engines;
        this.parameters = parameters;
        this.deadline = deadline;
        this.watchdog = deadlines.schedule(this::expire, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    public String queryId() {
        return queryId;
    }

    public QueryDeadline deadline() {
        return deadline;
    }

    /** Starts every fragment of the plan at once, before the plan asks for any row. */
    public synchronized void startAll(Collection<FragmentSpec> fragments) {
        for (FragmentSpec fragment : fragments) {
            Deque<FragmentRun> ahead = startedAhead.computeIfAbsent(fragment, key -> new ArrayDeque<>());
            // A replayed fragment runs once however often the plan names it.
            if (ahead.isEmpty() || !replayed.contains(fragment)) {
                ahead.add(launch(fragment));
            }
        }
    }

    /**
     * The rows of one fragment: streamed from the run started ahead for it; for a replayed fragment, held after
     * its one run and read from memory every time; otherwise, when read a second time, from a new run.
     */
    public Enumerable<Object> rows(FragmentSpec fragment, boolean scalar) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object> enumerator() {
                if (!replayed.contains(fragment)) {
                    return new FragmentEnumerator(claim(fragment), scalar);
                }
                List<Object[]> rows = materialized.computeIfAbsent(fragment, QueryExecution.this::readWhole);
                Enumerator<Object[]> held = Linq4j.enumerator(rows);
                return scalar ? Linq4j.transform(held, row -> row[0]) : Linq4j.transform(held, row -> row);
            }
        };
    }

    /** What each fragment did so far, in the order they started. */
    public List<FragmentStats> fragments() {
        return runs.stream().map(FragmentRun::stats).toList();
    }

    /** Stops every fragment still running on its engine; reading rows afterwards fails with QUERY_CANCELLED. */
    public void cancel() {
        cancelled = true;
        runs.forEach(FragmentRun::cancel);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Stops fragments nobody read to the end: as cancelled when the deadline passed, else as stopped early (a
     * LIMIT reached, a merge join done, a client gone, another fragment failed).
     */
    @Override
    public void close() {
        watchdog.cancel(false);
        runs.forEach(this::stop);
    }

    /**
     * A fragment failed, so the query fails: every other run stops on its engine at once (not when the plan gets
     * to the failed fragment's rows, which may be after a slow fragment ends), and whoever waits for their rows gets
     * the first failure.
     */
    private void failed(FragmentRun failedRun, RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            runs.stream().filter(run -> run != failedRun).forEach(run -> run.fail(e));
        }
    }

    /** The deadline passed: every run still going stops on its engine, and its reader gets QUERY_TIMEOUT. */
    private void expire() {
        runs.forEach(FragmentRun::expire);
    }

    /** Stops a run: as cancelled when the query was cancelled or ran out of time, else as no longer needed. */
    private void stop(FragmentRun run) {
        if (cancelled || deadline.passed()) {
            run.cancel();
        } else {
            run.stopEarly();
        }
    }

    private List<Object[]> readWhole(FragmentSpec fragment) {
        List<Object[]> rows = new ArrayList<>();
        try (FragmentEnumerator reader = new FragmentEnumerator(claim(fragment), false)) {
            while (reader.moveNext()) {
                Object[] row = (Object[]) reader.current();
                held.hold(row);
                rows.add(row);
            }
        }
        return Collections.unmodifiableList(rows);
    }

    private synchronized FragmentRun claim(FragmentSpec fragment) {
        checkRunnable();
        Deque<FragmentRun> ahead = startedAhead.get(fragment);
        return ahead != null && !ahead.isEmpty() ? ahead.poll() : launch(fragment);
    }

    private FragmentRun launch(FragmentSpec fragment) {
        checkRunnable();
        SqlEngine engine = engines.apply(fragment.engine());
        FragmentRun run = new FragmentRun(fragment, engine, parameters, deadline, this::failed);
        runs.add(run);
        // A failure between the check above and the add did not reach this run.
        RuntimeException failedBefore = failure.get();
        if (failedBefore != null) {
            run.fail(failedBefore);
        }
        return run;
    }

    private void checkRunnable() {
        if (cancelled) {
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "Query " + queryId + " was cancelled");
        }
        if (deadline.passed()) {
            throw deadline.exceeded();
        }
        RuntimeException failedBefore = failure.get();
        if (failedBefore != null) {
            throw failedBefore;
        }
    }

    /** Reads one fragment run batch by batch. */
    private final class FragmentEnumerator implements Enumerator<Object> {
        private final FragmentRun run;
        private final boolean scalar;
        private List<Object[]> batch = List.of();
        private int position = -1;
        private boolean done;

        FragmentEnumerator(FragmentRun run, boolean scalar) {
            this.run = run;
            this.scalar = scalar;
        }

        @Override
        public Object current() {
            Object[] row = batch.get(position);
            return scalar ? row[0] : row;
        }

        @Override
        public boolean moveNext() {
            if (done) {
                return false;
            }
            if (++position < batch.size()) {
                return true;
            }
            if (cancelled) {
                throw new JunctionException(ErrorCode.QUERY_CANCELLED, "Query " + queryId + " was cancelled");
            }
            try {
                batch = run.nextBatch();
            } catch (JunctionException e) {
                if (e.code() == ErrorCode.QUERY_CANCELLED) {
                    throw new JunctionException(ErrorCode.QUERY_CANCELLED, "Query " + queryId + " was cancelled");
                }
                throw e;
            }
            position = 0;
            if (batch.isEmpty()) {
                done = true;
                return false;
            }
            if (heldByPlan.contains(run.spec())) {
                batch.forEach(held::hold);
            }
            return true;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a fragment's rows are read once");
        }

        @Override
        public void close() {
            if (!done) {
                stop(run);
            }
        }
    }
}
