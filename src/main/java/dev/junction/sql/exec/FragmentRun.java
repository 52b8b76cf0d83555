package dev.junction.sql.exec;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.SqlEngine;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One fragment running on its engine in a virtual thread, its rows handed over in batches through a small
 * bounded queue: the engine is read only as fast as the plan consumes, and never held whole in memory.
 */
final class FragmentRun {
    private static final Logger LOG = Logger.getLogger(FragmentRun.class);
    private static final int BATCH_ROWS = 512;
    private static final int QUEUED_BATCHES = 8;
    private static final int ENGINE_TIMEOUT_MARGIN_SECONDS = 5;
    private static final Object END = new Object();

    private final FragmentSpec spec;
    private final SqlEngine engine;
    private final List<Object> parameters;
    private final QueryDeadline deadline;
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final long startNanos = System.nanoTime();
    private volatile Statement statement;
    private volatile long rows;
    private volatile long endNanos;
    private volatile FragmentState state = FragmentState.RUNNING;
    private volatile boolean abandoned;
    private volatile Optional<String> engineQueryId = Optional.empty();
    private final BiConsumer<FragmentRun, RuntimeException> failed;

    /**
     * Starts the fragment on its engine.
     *
     * @param failed told when the engine fails the fragment (from the run's own thread, before its reader learns it)
     */
    FragmentRun(FragmentSpec spec, SqlEngine engine, List<Object> parameters, QueryDeadline deadline,
            BiConsumer<FragmentRun, RuntimeException> failed) {
        this.spec = spec;
        this.engine = engine;
        this.parameters = parameters;
        this.deadline = deadline;
        this.failed = failed;
        Thread.ofVirtual().name("fragment-" + spec.engine()).start(this::run);
    }

    FragmentSpec spec() {
        return spec;
    }

    FragmentStats stats() {
        long end = state == FragmentState.RUNNING ? System.nanoTime() : endNanos;
        return new FragmentStats(spec.engine(), spec.sql(), rows, TimeUnit.NANOSECONDS.toMillis(end - startNanos), state,
                engineQueryId);
    }

    /**
     * The next batch of rows, an empty list at the end; waits no longer than the query's deadline.
     *
     * @throws JunctionException when the engine failed, or QUERY_TIMEOUT when the deadline passed
     */
    @SuppressWarnings("unchecked")
    List<Object[]> nextBatch() {
        Object next;
        try {
            next = batches.poll(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "The query was interrupted");
        }
        if (next == null) {
            throw deadline.exceeded();
        }
        if (next == END) {
            return List.of();
        }
        if (next instanceof RuntimeException failure) {
            throw failure;
        }
        return (List<Object[]>) next;
    }

    /**
     * Stops the engine-side statement (when still running) because the query was cancelled or timed out, and
     * lets the producer thread end; a reader waiting for rows wakes up with QUERY_CANCELLED.
     */
    void cancel() {
        stop(FragmentState.CANCELLED, new JunctionException(ErrorCode.QUERY_CANCELLED, "The query was cancelled"));
    }

    /** Stops the engine-side statement (when still running) because the query ran out of time. */
    void expire() {
        stop(FragmentState.CANCELLED, deadline.exceeded());
    }

    /** Stops the engine-side statement (when still running) because the plan needs no more of its rows. */
    void stopEarly() {
        stop(FragmentState.STOPPED, new JunctionException(ErrorCode.QUERY_CANCELLED, "The query was cancelled"));
    }

    /**
     * Stops the engine-side statement (when still running) because another fragment of the query failed: its rows
     * are of no use now. A reader waiting for rows wakes up with that failure.
     */
    void fail(RuntimeException failure) {
        stop(FragmentState.STOPPED, failure);
    }

    /** Stops the run; a reader waiting for rows, or reading next, gets the failure. */
    private void stop(FragmentState end, RuntimeException failure) {
        // The end is recorded first: the producer, once it sees the run abandoned, must not record it as finished.
        boolean wasRunning = finish(end);
        abandoned = true;
        batches.clear();
        batches.offer(failure);
        Statement running = statement;
        if (running != null && wasRunning) {
            try {
                engine.cancel(running);
            } catch (SQLException | RuntimeException e) {
                LOG.debugf(e, "Cancelling a fragment on %s failed", spec.engine());
            }
        }
    }

    private void run() {
        try {
            Object last = read();
            if (last instanceof RuntimeException failure) {
                // Told before it is handed over: the query's reader may be waiting for another fragment's rows.
                failed.accept(this, failure);
            }
            hand(last);
        } catch (InterruptedException e) {
            finish(FragmentState.CANCELLED);
        }
    }

    /** Reads the whole result into the queue; returns the last item to hand over: END or the failure. */
    private Object read() throws InterruptedException {
        Connection connection;
        try {
            connection = connect();
        } catch (JunctionException e) {
            finish(FragmentState.FAILED);
            return abandoned ? END : e;
        }
        boolean reusable = false;
        try (Statement created = statement(connection)) {
            statement = created;
            // The engine's own limit is a backstop for a gateway that went away; a few seconds after the deadline, so
            // that the gateway's cancel, not the engine's timer, ends the query (Trino: USER_CANCELED).
            int seconds = (int) Math.max(1,
                    TimeUnit.NANOSECONDS.toSeconds(deadline.remainingNanos()) + ENGINE_TIMEOUT_MARGIN_SECONDS);
            trySetQueryTimeout(created, seconds);
            if (abandoned) {
                return END;
            }
            try (ResultSet resultSet = created instanceof PreparedStatement prepared
                    ? prepared.executeQuery()
                    : created.executeQuery(spec.sql())) {
                engineQueryId = engineQueryId(created, resultSet);
                RowReader reader = new RowReader(resultSet, spec.columnTypes());
                List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
                while (!abandoned && resultSet.next()) {
                    batch.add(reader.read());
                    rows++;
                    if (batch.size() == BATCH_ROWS) {
                        hand(batch);
                        batch = new ArrayList<>(BATCH_ROWS);
                    }
                }
                if (!batch.isEmpty()) {
                    hand(batch);
                }
            }
            finish(FragmentState.FINISHED);
            reusable = !abandoned;
            return END;
        } catch (SQLException | RuntimeException e) {
            if (abandoned) {
                return END;
            }
            finish(FragmentState.FAILED);
            return failure(e);
        } finally {
            release(connection, reusable);
        }
    }

    /** A connection whose statement ran to its end is kept for the next fragment; any other is closed for good. */
    private void release(Connection connection, boolean reusable) {
        try {
            if (reusable) {
                connection.close();
                return;
            }
            try {
                connection.abort(Runnable::run);
            } catch (SQLFeatureNotSupportedException e) {
                // Avatica's connections (Druid) cannot be aborted; closing them ends them on the server too.
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Releasing a connection to %s failed", spec.engine());
        }
    }

    /**
     * A plain statement when the fragment has no parameters: one round trip, and engines show the SQL itself
     * in their query lists (a prepared statement is PREPARE then EXECUTE in Trino).
     */
    private Statement statement(Connection connection) throws SQLException {
        if (spec.parameters().isEmpty()) {
            return connection.createStatement();
        }
        PreparedStatement prepared = connection.prepareStatement(spec.sql());
        for (int i = 0; i < spec.parameters().size(); i++) {
            prepared.setObject(i + 1, parameters.get(spec.parameters().get(i)));
        }
        return prepared;
    }

    private Connection connect() {
        try {
            return engine.connect();
        } catch (SQLException | RuntimeException e) {
            // Some drivers (Avatica's) throw unchecked exceptions when the server refuses the connection.
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                    "Engine '" + spec.engine() + "' is unavailable: " + firstLine(e.getMessage()), e);
        }
    }

    private RuntimeException failure(Exception e) {
        if (e instanceof JunctionException junction) {
            return junction;
        }
        LOG.infof(e, "Fragment on %s failed: %s", spec.engine(), spec.sql());
        return new JunctionException(ErrorCode.ENGINE_ERROR,
                "Engine '" + spec.engine() + "' failed the query: " + firstLine(e.getMessage()), e);
    }

    /** Waits for room in the queue, giving up when the consumer went away. */
    private void hand(Object item) throws InterruptedException {
        while (!abandoned) {
            if (batches.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Records how the run ended, unless it ended already; true when this call ended it. */
    private synchronized boolean finish(FragmentState end) {
        if (state != FragmentState.RUNNING) {
            return false;
        }
        state = end;
        endNanos = System.nanoTime();
        return true;
    }

    /** The engine's id of the statement, for the query history; never a reason for the fragment to fail. */
    private Optional<String> engineQueryId(Statement created, ResultSet resultSet) {
        try {
            return engine.engineQueryId(created, resultSet);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Engine %s did not tell its query id", spec.engine());
            return Optional.empty();
        }
    }

    private static void trySetQueryTimeout(Statement statement, int seconds) {
        try {
            statement.setQueryTimeout(seconds);
        } catch (SQLException e) {
            // Not every driver supports it; the gateway's own deadline still cancels the statement.
        }
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
