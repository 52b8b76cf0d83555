package dev.junction.cache;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.PlanShape;
import dev.junction.sql.PlannedQuery;
import dev.junction.sql.QueryCoordinator;
import dev.junction.sql.QueryOutcome;
import dev.junction.sql.SqlRequest;
import dev.junction.sql.exec.BoundParameters;
import dev.junction.sql.exec.RunningQuery;
import jakarta.inject.Singleton;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers planned queries through the result cache: a hit starts no fragment; a miss runs the query once,
 * however many identical queries arrive meanwhile (they wait for that one execution), and keeps its answer in
 * Ignite for its class's TTL. Queries asked with {@code cache: false}, non-deterministic ones, ones that need
 * no engine, and every query while Ignite does not answer, bypass the cache.
 */
@Singleton
public class CachedQueries {
    private static final Logger LOG = Logger.getLogger(CachedQueries.class);

    private final QueryCoordinator coordinator;
    private final IgniteCacheStore store;
    private final DataVersions versions;
    private final RefreshKeys refreshKeys;
    private final CacheStats stats;
    private final CacheConfig config;
    private final TtlClasses classes;
    private final Map<String, CompletableFuture<CachedResult>> inFlight = new ConcurrentHashMap<>();
    /** Plans come again from the plan cache as the same objects: their facts are read once. */
    private final Map<EnumerableRel, PlanFacts> facts = Collections.synchronizedMap(new WeakHashMap<>());

    public CachedQueries(QueryCoordinator coordinator, IgniteCacheStore store, DataVersions versions,
            RefreshKeys refreshKeys, CacheStats stats, CacheConfig config) {
        this.coordinator = coordinator;
        this.store = store;
        this.versions = versions;
        this.refreshKeys = refreshKeys;
        this.stats = stats;
        this.config = config;
        this.classes = new TtlClasses(config.ttl(), config.defaultClass());
    }

    /**
     * The query's answer, from the cache or the engines; a query started on the engines is recorded as finished
     * (or failed) in the coordinator before this returns.
     *
     * @throws JunctionException as the engines or the gateway's operators fail
     */
    public QueryAnswer run(String queryId, PlannedQuery planned, SqlRequest request) {
        // A partial answer of the hybrid table is not the table's answer: never kept.
        if (!config.enabled() || !request.cache() || planned.shape() == PlanShape.GATEWAY_ONLY
                || planned.hybrid().map(dev.junction.sql.hybrid.HybridRead::partial).orElse(false)) {
            return execute(queryId, planned, request, CacheStatus.BYPASS);
        }
        PlanFacts plan = facts.computeIfAbsent(planned.plan(), PlanFacts::of);
        if (!plan.deterministic()) {
            return execute(queryId, planned, request, CacheStatus.BYPASS);
        }
        long lookupStart = System.nanoTime();
        NearCopy near = store.near();
        String entry;
        String stamp;
        Optional<CachedResult> cached;
        try {
            refreshKeys.check(plan.tables());
            List<Object> parameters = BoundParameters.bind(planned.parameterTypes(), request.parameters()).internal();
            entry = CacheKey.entry(plan.digest(), parameters, config.tenant(), request.maxRows());
            // This gateway's copy first: an answer it holds, at the versions it knows, needs no round trip.
            Optional<CachedResult> copy = near.versions(plan.tables()).flatMap(versions ->
                    near.answer(entry, CacheKey.stamp(entry, versions), System.currentTimeMillis()));
            if (copy.isPresent()) {
                stats.nearHit();
                return hit(queryId, planned, copy.get(), lookupStart);
            }
            long epoch = near.epoch();
            // One round trip: the answer and the versions of the tables it depends on.
            Set<String> keys = new HashSet<>();
            keys.add(entry);
            plan.tables().forEach(table -> keys.add(DataVersions.key(table)));
            Map<String, Object> found = store.call(caches -> caches.entries().getAll(keys));
            Map<String, Long> current = versions.from(found, plan.tables());
            near.learned(epoch, current);
            stamp = CacheKey.stamp(entry, current);
            cached = decode(entry, found.get(entry)).filter(result -> result.stamp().equals(stamp)
                    && !result.expired(System.currentTimeMillis()));
            cached.ifPresent(result -> near.keep(epoch, entry, result, ((byte[]) found.get(entry)).length));
        } catch (CacheUnavailableException e) {
            return execute(queryId, planned, request, CacheStatus.BYPASS);
        }
        if (cached.isPresent()) {
            return hit(queryId, planned, cached.get(), lookupStart);
        }
        CompletableFuture<CachedResult> mine = new CompletableFuture<>();
        CompletableFuture<CachedResult> leader = inFlight.putIfAbsent(stamp, mine);
        if (leader != null) {
            return waitFor(leader, queryId, planned, request, lookupStart);
        }
        try {
            // Another request may have stored the answer between the lookup above and taking the lead.
            Optional<CachedResult> stored = findQuietly(entry).filter(result -> result.stamp().equals(stamp));
            if (stored.isPresent()) {
                mine.complete(stored.get());
                return hit(queryId, planned, stored.get(), lookupStart);
            }
            long epoch = near.epoch();
            QueryAnswer answer = execute(queryId, planned, request, CacheStatus.MISS);
            Duration ttl = classes.ttl(classes.classOf(request.mode()));
            CachedResult result = new CachedResult(answer.columns(), answer.rows(), answer.truncated(),
                    System.currentTimeMillis(), stamp, ttl.toMillis());
            keep(epoch, entry, result, ttl);
            mine.complete(result);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(stamp, mine);
        }
    }

    /** The TTL classes in force. */
    public TtlClasses classes() {
        return classes;
    }

    private Optional<CachedResult> decode(String key, Object value) {
        if (!(value instanceof byte[] bytes)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultCodec.decode(bytes));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Cached answer %s cannot be read (%s); the query runs again", key, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<CachedResult> findQuietly(String key) {
        try {
            return decode(key, store.call(caches -> caches.entries().get(key)));
        } catch (CacheUnavailableException e) {
            return Optional.empty();
        }
    }

    private QueryAnswer hit(String queryId, PlannedQuery planned, CachedResult result, long lookupStart) {
        long lookupMs = (System.nanoTime() - lookupStart) / 1_000_000;
        coordinator.answered(queryId, planned, lookupMs, result.rows().size());
        stats.recorded(CacheStatus.HIT);
        return new QueryAnswer(result.columns(), result.rows(), result.truncated(), List.of(), lookupMs,
                CacheStatus.HIT, OptionalLong.of(result.ageMillis(System.currentTimeMillis())));
    }

    /** Waits for the identical query that runs now; if it fails, this one runs on its own. */
    private QueryAnswer waitFor(CompletableFuture<CachedResult> leader, String queryId, PlannedQuery planned,
            SqlRequest request, long lookupStart) {
        try {
            return hit(queryId, planned, leader.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS), lookupStart);
        } catch (ExecutionException | TimeoutException e) {
            // The leader failed (or was cancelled by its client) or is slow: this request's own run decides.
            return execute(queryId, planned, request, CacheStatus.BYPASS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "The query was cancelled while it waited for "
                    + "an identical query to answer");
        }
    }

    /** Writes the answer to Ignite and keeps it in the near copy, unless it is too large. */
    private void keep(long epoch, String key, CachedResult result, Duration ttl) {
        Optional<byte[]> bytes = ResultCodec.encode(result);
        if (bytes.isEmpty() || bytes.get().length > config.maxResultSize().asLongValue()) {
            stats.rejectedAsTooLarge();
            return;
        }
        try {
            store.call(caches -> {
                caches.expiringAfter(ttl).put(key, bytes.get());
                return null;
            });
            store.near().keep(epoch, key, result, bytes.get().length);
            stats.stored(bytes.get().length);
        } catch (CacheUnavailableException e) {
            LOG.debugf("Answer not cached: %s", e.getMessage());
        }
    }

    private QueryAnswer execute(String queryId, PlannedQuery planned, SqlRequest request, CacheStatus status) {
        QueryOutcome outcome = QueryOutcome.UNKNOWN;
        try (RunningQuery running = coordinator.start(queryId, planned, request)) {
            List<Object[]> rows = new ArrayList<>();
            boolean truncated = false;
            for (Optional<Object[]> row = running.next(); row.isPresent(); row = running.next()) {
                if (rows.size() == request.maxRows()) {
                    truncated = true;
                    break;
                }
                rows.add(row.get());
            }
            long executionMs = running.elapsedMillis();
            running.close();
            outcome = QueryOutcome.finished(rows.size());
            stats.recorded(status);
            return new QueryAnswer(planned.columns(), rows, truncated, running.fragments(), executionMs, status,
                    status == CacheStatus.MISS ? OptionalLong.of(0) : OptionalLong.empty());
        } catch (JunctionException e) {
            outcome = QueryOutcome.failed(e);
            throw e;
        } finally {
            coordinator.finished(queryId, outcome);
        }
    }
}
