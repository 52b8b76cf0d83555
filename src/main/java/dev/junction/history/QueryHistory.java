package dev.junction.history;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The history of queries, kept in Junction's metadata store: the query path reports each query's start and end;
 * the writes happen on one background thread, in order and batched into one transaction per round, so that
 * they never slow a query down, and a failing store costs a warning in the log, never a query.
 */
@Singleton
public class QueryHistory {
    private static final Logger LOG = Logger.getLogger(QueryHistory.class);
    // Writes waiting for a slow store beyond this are dropped (and logged), rather than held without bound.
    private static final int PENDING_WRITES = 10_000;
    // The most writes one transaction takes.
    private static final int WRITES_PER_TRANSACTION = 500;
    // How long the writer waits for more writes after the first of a transaction: a gateway answering many
    // queries (cache hits, a dashboard's panels) commits a few times a second rather than twice per query.
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int PRUNE_EVERY = 100;
    private static final Object STOP = new Object();

    private final QueryHistoryStore store;
    private final HistoryRetention retention;
    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>(PENDING_WRITES);
    private final Thread writer;
    // Touched only by the writer thread.
    private long ended;

    QueryHistory(QueryHistoryStore store, HistoryConfig config) {
        this.store = store;
        this.retention = new HistoryRetention(config.maxQueries(), config.retention(), PRUNE_EVERY);
        this.writer = Thread.ofPlatform().name("query-history").daemon().start(this::writeAll);
        LOG.infof("Query history in the %s metadata store", store.store().unit());
    }

    /** A query was planned (or failed planning) and starts. */
    public void started(QueryStart start) {
        write(start);
    }

    /** A query ended; recorded after its start. */
    public void ended(QueryEnd end) {
        write(end);
    }

    /**
     * The newest recorded queries first.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when the metadata store does not answer
     */
    public List<RecordedQuery> recent(int limit, Optional<QueryState> state) {
        return read(() -> store.recent(limit, state));
    }

    /**
     * A recorded query by its id.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when the metadata store does not answer
     */
    public Optional<RecordedQuery> find(String queryId) {
        return read(() -> store.find(queryId));
    }

    void close(@Observes ShutdownEvent shutdown) throws InterruptedException {
        // At the shutdown event, before the persistence unit closes: the last queries' ends still reach the store.
        if (!pending.offer(STOP, 1, TimeUnit.SECONDS)) {
            writer.interrupt();
        }
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void write(Object write) {
        if (!pending.offer(write)) {
            LOG.warn("Query history: too many writes pending; one was dropped");
        }
    }

    /**
     * The writer thread: the writes that arrive within {@link #LINGER_NANOS} of the first, and what queued up
     * while the last transaction ran, go in one transaction, so that a busy gateway commits once for many queries
     * rather than twice for each.
     */
    private void writeAll() {
        List<Object> writes = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                writes.add(pending.take());
                long deadline = System.nanoTime() + LINGER_NANOS;
                while (writes.size() < WRITES_PER_TRANSACTION && writes.getLast() != STOP) {
                    Object next = pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    writes.add(next);
                    pending.drainTo(writes, WRITES_PER_TRANSACTION - writes.size());
                }
            } catch (InterruptedException e) {
                return;
            }
            stopping = writes.remove(STOP);
            if (!writes.isEmpty()) {
                record(writes);
            }
            writes.clear();
        }
    }

    private void record(List<Object> writes) {
        try {
            store.record(writes);
        } catch (RuntimeException e) {
            if (writes.size() == 1) {
                LOG.warnf("Query history: query %s was not recorded in the %s metadata store: %s",
                        queryId(writes.getFirst()), store.store().unit(), e.getMessage());
                return;
            }
            // One write the store refuses costs only that write: the others go one by one.
            writes.forEach(write -> record(new ArrayList<>(List.of(write))));
            return;
        }
        long ends = writes.stream().filter(QueryEnd.class::isInstance).count();
        if (ends > 0 && retention.pruneAfter(ended, ended += ends)) {
            try {
                int removed = store.prune(retention, Instant.now());
                LOG.debugf("Query history: pruned %d queries", removed);
            } catch (RuntimeException e) {
                LOG.warnf("Query history: old queries not pruned from the %s metadata store: %s",
                        store.store().unit(), e.getMessage());
            }
        }
    }

    private static String queryId(Object write) {
        return write instanceof QueryStart start ? start.queryId() : ((QueryEnd) write).queryId();
    }

    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (JunctionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                    "Junction's metadata store is unavailable: " + e.getMessage(), e);
        }
    }
}
