package dev.junction.history;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The history of queries, kept in Junction's metadata store: the query path reports each query's start and end;
 * the writes happen on one background thread, in order, so that they never slow a query down, and a failing
 * store costs a warning in the log, never a query.
 */
@Singleton
public class QueryHistory {
    private static final Logger LOG = Logger.getLogger(QueryHistory.class);
    // Writes waiting for a slow store beyond this are dropped (and logged), rather than held without bound.
    private static final int PENDING_WRITES = 10_000;
    private static final int PRUNE_EVERY = 100;

    private final QueryHistoryStore store;
    private final HistoryRetention retention;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(PENDING_WRITES), Thread.ofPlatform().name("query-history").daemon().factory(),
            (task, executor) -> LOG.warn("Query history: too many writes pending; one was dropped"));
    // Touched only by the writer thread.
    private long ended;

    QueryHistory(QueryHistoryStore store, HistoryConfig config) {
        this.store = store;
        this.retention = new HistoryRetention(config.maxQueries(), config.retention(), PRUNE_EVERY);
        LOG.infof("Query history in the %s metadata store", store.store().unit());
    }

    /** A query was planned (or failed planning) and starts. */
    public void started(QueryStart start) {
        write(start.queryId(), () -> store.started(start));
    }

    /** A query ended; recorded after its start. */
    public void ended(QueryEnd end) {
        write(end.queryId(), () -> {
            store.ended(end);
            if (retention.pruneAfter(++ended)) {
                int removed = store.prune(retention, Instant.now());
                LOG.debugf("Query history: pruned %d queries", removed);
            }
        });
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
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void write(String queryId, Runnable task) {
        writer.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf("Query history: query %s was not recorded in the %s metadata store: %s", queryId,
                        store.store().unit(), e.getMessage());
            }
        });
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
