package dev.junction.sql.exec;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.PlannedQuery;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A query whose rows are being read: one row at a time, with values as clients see them (LocalDate,
 * LocalDateTime in UTC, BigDecimal, Long, Double, String, Boolean). Closing it stops whatever still runs.
 */
public final class RunningQuery implements AutoCloseable {
    private final PlannedQuery planned;
    private final QueryExecution execution;
    private final Enumerator<Object> rows;
    private final boolean scalarRows;
    private final SqlTypeName[] types;
    private final long startNanos;
    private final Instant started = Instant.now();
    private final Consumer<RunningQuery> atEnd;
    private long rowCount;
    private boolean closed;

    /**
     * @param atEnd checks the whole answer once its last row was read, throwing a JunctionException when it is not
     *     the query's answer
     */
    RunningQuery(PlannedQuery planned, QueryExecution execution, Enumerator<Object> rows, boolean scalarRows,
            long startNanos, Consumer<RunningQuery> atEnd) {
        this.startNanos = startNanos;
        this.atEnd = atEnd;
        this.planned = planned;
        this.execution = execution;
        this.rows = rows;
        this.scalarRows = scalarRows;
        this.types = planned.rowType().getFieldList().stream()
                .map(RelDataTypeField::getType).map(type -> type.getSqlTypeName()).toArray(SqlTypeName[]::new);
    }

    public PlannedQuery planned() {
        return planned;
    }

    public String queryId() {
        return execution.queryId();
    }

    /** The next row, or empty at the end; at the end, fragments the plan did not read to their end are stopped. */
    public Optional<Object[]> next() {
        if (closed) {
            return Optional.empty();
        }
        try {
            if (!rows.moveNext()) {
                // A fragment started ahead may still run when the plan no longer needs it (a join whose other
                // side was empty): the result is complete, so it is stopped now, not when the caller closes.
                close();
                atEnd.accept(this);
                return Optional.empty();
            }
            Object current = rows.current();
            Object[] internal = scalarRows ? new Object[] {current} : (Object[]) current;
            Object[] external = new Object[internal.length];
            for (int i = 0; i < internal.length; i++) {
                external[i] = external(types[i], internal[i]);
            }
            rowCount++;
            return Optional.of(external);
        } catch (JunctionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /** What each fragment did so far. */
    public List<FragmentStats> fragments() {
        return execution.fragments();
    }

    /** When the query started, on the {@link System#nanoTime()} clock. */
    public long startNanos() {
        return startNanos;
    }

    /** When the query started (its fragments were started with it), on the wall clock. */
    public Instant started() {
        return started;
    }

    /** Since the query started: fragments launched, plan compiled, rows read so far. */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Cancels every fragment on its engine; the next read fails with QUERY_CANCELLED. */
    public void cancel() {
        execution.cancel();
    }

    /** Stops whatever still runs; the fragments' stats are final afterwards. Closing again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } finally {
            execution.close();
        }
    }

    private static Object external(SqlTypeName type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
            case TIME -> LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) value).longValue(), 1000L),
                    (int) Math.floorMod(((Number) value).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            default -> value;
        };
    }

    /** Generated code wraps a fragment's coded failure in its own exceptions; the coded one is what counts. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JunctionException junction) {
                return junction;
            }
        }
        return new JunctionException(ErrorCode.INTERNAL_ERROR, "The query failed while merging its fragments", e);
    }
}
