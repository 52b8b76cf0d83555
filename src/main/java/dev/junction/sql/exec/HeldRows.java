package dev.junction.sql.exec;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory one query holds in rows the gateway keeps (fragments read more than once, and rows the plan's
 * operators hold: hash join build sides, sort inputs), estimated per value and bounded: past the limit the query
 * ends with MEMORY_LIMIT_EXCEEDED instead of the gateway running out of memory.
 */
final class HeldRows {
    private static final long ROW_OVERHEAD = 32;
    private static final long VALUE_OVERHEAD = 24;

    private final String queryId;
    private final long limitBytes;
    private final AtomicLong heldBytes = new AtomicLong();

    HeldRows(String queryId, long limitBytes) {
        this.queryId = queryId;
        this.limitBytes = limitBytes;
    }

    /** Counts one more held row against the limit. */
    void hold(Object[] row) {
        long bytes = ROW_OVERHEAD;
        for (Object value : row) {
            bytes += estimate(value);
        }
        if (heldBytes.addAndGet(bytes) > limitBytes) {
            throw new JunctionException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "Query " + queryId
                    + " needs to hold more than " + limitBytes / (1024 * 1024)
                    + " MiB of rows in the gateway (junction.query.memory-limit); filter or aggregate more in the engines");
        }
    }

    long heldBytes() {
        return heldBytes.get();
    }

    private static long estimate(Object value) {
        return switch (value) {
            case null -> 8;
            case String text -> VALUE_OVERHEAD + 2L * text.length();
            case BigDecimal decimal -> VALUE_OVERHEAD + 32;
            default -> VALUE_OVERHEAD;
        };
    }
}
