package dev.junction.api.jdbc;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.PlannedQuery;
import dev.junction.sql.QueryCoordinator;
import dev.junction.sql.QueryOutcome;
import dev.junction.sql.SqlRequest;
import dev.junction.sql.exec.RunningQuery;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One statement of a JDBC connection: the plan it prepared, and the query whose rows it is handing out frame by
 * frame. The query stays open between fetches and ends (through the coordinator, so the history records it) at its
 * last row, at the row limit, on an error, or when the statement closes. One request at a time reads it; a close
 * that arrives while a fetch waits for rows cancels the query on its engines instead, and the fetch ends it. A
 * cancel (from another request, while one runs) stops the statement's latest query and leaves the statement open.
 */
final class JdbcStatement {
    private final String connectionId;
    private final int id;
    private final QueryCoordinator coordinator;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile boolean closed;
    private volatile Optional<Duration> timeout = Optional.empty();
    private volatile String latestQueryId;
    private final AtomicReference<String> cancelledQueryId = new AtomicReference<>();
    private Optional<PlannedQuery> prepared = Optional.empty();
    private long preparedMaxRows = Long.MAX_VALUE;
    private OpenQuery open;

    JdbcStatement(String connectionId, int id, QueryCoordinator coordinator) {
        this.connectionId = connectionId;
        this.id = id;
        this.coordinator = coordinator;
    }

    String connectionId() {
        return connectionId;
    }

    int id() {
        return id;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** The timeout the client set on this statement, for the queries it runs from now on; empty: the connection's. */
    Optional<Duration> timeout() {
        return timeout;
    }

    void timeout(Optional<Duration> timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Cancels the query the statement runs now on every engine it reached: the request reading its rows ends with
     * QUERY_CANCELLED. A query still being planned is cancelled as soon as it starts. Takes no lock: the request that
     * runs the query holds it.
     */
    void cancel() {
        String queryId = latestQueryId;
        if (queryId != null) {
            // Marked first: a query that starts after this look at the running ones finds the mark.
            cancelledQueryId.set(queryId);
            coordinator.cancel(queryId);
        }
    }

    /** Keeps a plan for {@link #execute}; {@code maxRows} is the client's limit at prepare time. */
    void prepare(PlannedQuery planned, long maxRows) {
        withLock(() -> {
            prepared = Optional.of(planned);
            preparedMaxRows = maxRows;
            return planned;
        });
    }

    /**
     * @throws JunctionException INVALID_REQUEST when nothing was prepared
     */
    PlannedQuery prepared() {
        return prepared.orElseThrow(() -> new JunctionException(ErrorCode.INVALID_REQUEST,
                "Statement " + id + " has no prepared query to execute"));
    }

    long preparedMaxRows() {
        return preparedMaxRows;
    }

    /**
     * Plans (the statement counts as in use meanwhile, however long planning takes) and starts a query, ending the
     * one still open; {@link #fetch} reads its rows, at most the request's {@code maxRows}.
     *
     * @return the plan that runs
     */
    PlannedQuery execute(String queryId, Supplier<PlannedQuery> plan, SqlRequest request) {
        return withLock(() -> {
            endOpen();
            latestQueryId = queryId;
            PlannedQuery planned = plan.get();
            if (planned.explain()) {
                throw new JunctionException(ErrorCode.NOT_SUPPORTED,
                        "EXPLAIN is not supported over JDBC; POST it to /api/v1/query with \"explain\": true");
            }
            RunningQuery running;
            try {
                running = coordinator.start(queryId, planned, request);
            } catch (JunctionException e) {
                // As REST does: a query that fails to start (a parameter that does not fit) ends in the history.
                coordinator.finished(queryId, QueryOutcome.failed(e));
                throw e.withQueryId(queryId);
            }
            if (queryId.equals(cancelledQueryId.get())) {
                // Cancelled while it was planned or starting; its first fetch reports it.
                coordinator.cancel(queryId);
            }
            SqlTypeName[] types = planned.rowType().getFieldList().stream().map(RelDataTypeField::getType)
                    .map(type -> type.getSqlTypeName()).toArray(SqlTypeName[]::new);
            open = new OpenQuery(queryId, running, types, request.maxRows());
            return planned;
        });
    }

    /** Up to {@code maxRows} more rows of the open query; the frame is done at its last row or at the row limit. */
    Meta.Frame fetch(long offset, int maxRows) {
        lock.lock();
        try {
            lastUsedNanos = System.nanoTime();
            if (closed) {
                throw new JunctionException(ErrorCode.QUERY_CANCELLED, "Statement " + id + " is closed");
            }
            if (open == null) {
                return new Meta.Frame(offset, true, List.of());
            }
            OpenQuery reading = open;
            List<Object> rows = new ArrayList<>();
            boolean done = false;
            try {
                while (!done && rows.size() < maxRows) {
                    Optional<Object[]> row = reading.sent == reading.limit ? Optional.empty() : reading.running.next();
                    if (row.isPresent()) {
                        rows.add(JdbcTypes.wireRow(row.get(), reading.types));
                        reading.sent++;
                    } else {
                        done = true;
                    }
                }
            } catch (JunctionException e) {
                open = null;
                coordinator.finished(reading.queryId, QueryOutcome.failed(e));
                throw e.withQueryId(reading.queryId);
            }
            done |= reading.sent == reading.limit;
            if (done) {
                open = null;
                coordinator.finished(reading.queryId, QueryOutcome.finished(reading.sent));
            }
            return new Meta.Frame(offset, done, rows);
        } finally {
            if (closed) {
                endOpen();
            }
            // Idle from now on: a request that took long (planning, an engine slow to answer) was not idleness.
            lastUsedNanos = System.nanoTime();
            lock.unlock();
        }
    }

    /**
     * Closes the statement, cancelling its open query on every engine it reached. When a fetch is waiting for rows
     * now, the cancellation makes it fail, and that fetch ends the query.
     */
    void close() {
        closed = true;
        if (lock.tryLock()) {
            try {
                endOpen();
            } finally {
                lock.unlock();
            }
        } else {
            OpenQuery reading = open;
            if (reading != null) {
                coordinator.cancel(reading.queryId);
            }
        }
    }

    /** Whether no request is using the statement now (a fetch waiting for rows is using it). */
    boolean isIdle() {
        return !lock.isLocked();
    }

    /** Ends the open query before its last row: its engines stop, and the history records it cancelled. */
    private void endOpen() {
        OpenQuery ending = open;
        if (ending == null) {
            return;
        }
        open = null;
        coordinator.cancel(ending.queryId);
        coordinator.finished(ending.queryId, new QueryOutcome(ending.sent, Optional.of(new JunctionException(
                ErrorCode.QUERY_CANCELLED, "Query " + ending.queryId + " was cancelled: its JDBC statement was "
                + "closed or re-executed after " + ending.sent + " rows"))));
    }

    private <T> T withLock(Supplier<T> action) {
        lock.lock();
        try {
            lastUsedNanos = System.nanoTime();
            if (closed) {
                throw new JunctionException(ErrorCode.INVALID_REQUEST, "Statement " + id + " is closed");
            }
            return action.get();
        } finally {
            // A close that came while this ran could not end what it started.
            if (closed) {
                endOpen();
            }
            // Idle from now on: a request that took long (planning, an engine slow to answer) was not idleness.
            lastUsedNanos = System.nanoTime();
            lock.unlock();
        }
    }

    /** A started query and how far its rows have been handed out. */
    private static final class OpenQuery {
        private final String queryId;
        private final RunningQuery running;
        private final SqlTypeName[] types;
        private final long limit;
        private long sent;

        private OpenQuery(String queryId, RunningQuery running, SqlTypeName[] types, long limit) {
            this.queryId = queryId;
            this.running = running;
            this.types = types;
            this.limit = limit;
        }
    }
}
