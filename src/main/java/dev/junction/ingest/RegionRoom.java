package dev.junction.ingest;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.IgniteClient;

import java.util.List;

/**
 * Keeps hot-store writes from filling Ignite's default data region, where the hot table lives: an Ignite node whose
 * region runs out halts (IgniteOutOfMemoryException is a critical failure), and takes the hot tier and the result
 * cache with it. Measured on the stack: 512 MiB ran out after about 1.1 million hot rows (about 460 bytes each with
 * their indexes), written in a minute and a half at full speed. Above {@code junction.ingest.hot-store-fill-limit}
 * a write is refused: the consumer leaves the batch unacknowledged, the events wait in Pulsar, and writing goes on
 * once handoffs have evicted rows.
 */
final class RegionRoom {
    /** The default of {@code junction.ingest.hot-store-fill-limit}. */
    static final double DEFAULT_LIMIT = 0.9;
    private static final String USED = "io.dataregion.default.TotalUsedSize";
    private static final String MAX = "io.dataregion.default.MaxSize";
    /** While there is room, the region is looked at no more often than this. */
    private static final long RECHECK_NANOS = 250_000_000L;

    private final double limit;
    private volatile long checkedAtNanos;
    private volatile boolean room;

    RegionRoom(double limit) {
        if (limit <= 0 || limit > 1) {
            throw new IllegalArgumentException("junction.ingest.hot-store-fill-limit must be above 0 and at most 1: "
                    + limit);
        }
        this.limit = limit;
    }

    /**
     * Returns when the region has room for a write of {@code events} events.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when the region is fuller than the limit
     */
    void check(IgniteClient ignite, int events) {
        long now = System.nanoTime();
        if (room && now - checkedAtNanos < RECHECK_NANOS) {
            return;
        }
        long used = 0;
        long max = 0;
        List<List<?>> rows = ignite.query(new SqlFieldsQuery("SELECT NAME, VALUE FROM SYS.METRICS WHERE NAME IN (?, ?)")
                .setArgs(USED, MAX).setSchema("PUBLIC")).getAll();
        for (List<?> row : rows) {
            long value = Long.parseLong(String.valueOf(row.get(1)));
            if (USED.equals(row.get(0))) {
                used = value;
            } else {
                max = value;
            }
        }
        room = max <= 0 || used < limit * max;
        checkedAtNanos = now;
        if (!room) {
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, String.format(
                    "The hot store is full: Ignite's data region uses %d of %d MiB (limit %.0f %%, "
                            + "junction.ingest.hot-store-fill-limit); %d events wait in Pulsar until handoffs have "
                            + "evicted hot rows", used >> 20, max >> 20, limit * 100, events));
        }
    }
}
