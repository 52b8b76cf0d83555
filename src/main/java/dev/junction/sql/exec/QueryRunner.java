package dev.junction.sql.exec;

import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.PlannedFragment;
import dev.junction.sql.PlannedQuery;
import dev.junction.sql.catalog.Catalog;
import dev.junction.sql.hybrid.HybridTables;
import dev.junction.sql.plan.EngineFragment;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs planned queries: a routed query reads its one fragment directly; any other plan is compiled by
 * Calcite into code whose fragment leaves read from the engines, all fragments started together.
 */
@Singleton
public class QueryRunner {
    private final Catalog catalog;
    private final GatewayConfig.Query limits;
    // Plans are compared by identity; an entry goes when the planner's cache lets its plan go.
    private final Map<EnumerableRel, Compiled> compiledPlans = new WeakHashMap<>();
    private final ScheduledThreadPoolExecutor deadlines = deadlineWatch();
    private final HybridTables hybridTables;

    public QueryRunner(Catalog catalog, GatewayConfig config, HybridTables hybridTables) {
        this.catalog = catalog;
        this.limits = config.query();
        this.hybridTables = hybridTables;
    }

    public RunningQuery start(PlannedQuery planned, String queryId, BoundParameters parameters, Duration timeout) {
        long startNanos = System.nanoTime();
        QueryExecution execution = new QueryExecution(queryId, this::engine, parameters.jdbc(),
                QueryDeadline.after(timeout), specs(planned, PlannedFragment::replayed),
                specs(planned, PlannedFragment::held), limits.memoryLimit().asLongValue(), deadlines);
        try {
            List<FragmentSpec> fragments = planned.fragments().stream().map(PlannedFragment::spec).toList();
            if (planned.plan() instanceof EngineFragment routed) {
                execution.startAll(fragments);
                return new RunningQuery(planned, execution, execution.rows(routed.spec(), false).enumerator(), false,
                        startNanos, atEnd(planned));
            }
            Compiled compiled = compiled(planned.plan());
            Map<String, Object> stashed = compiled.stashed();
            Bindable<Object> bindable = compiled.bindable();
            AtomicBoolean cancelFlag = new AtomicBoolean();
            QueryDataContext context = new QueryDataContext(catalog.root(),
                    (JavaTypeFactory) planned.plan().getCluster().getTypeFactory(), execution, parameters.internal(), stashed,
                    cancelFlag);
            execution.startAll(fragments);
            Enumerator<Object> rows = bindable.bind(context).enumerator();
            return new RunningQuery(planned, execution, rows, planned.rowType().getFieldCount() == 1, startNanos,
                    atEnd(planned));
        } catch (JunctionException e) {
            execution.close();
            throw e;
        } catch (RuntimeException e) {
            execution.close();
            throw new JunctionException(ErrorCode.INTERNAL_ERROR, "The query could not be started", e);
        }
    }

    /**
     * What a query checks once its rows are read: that a hybrid table's hot rows were still there while its hot
     * fragments read them (a fragment's reading ends its milliseconds after the query started).
     */
    private Consumer<RunningQuery> atEnd(PlannedQuery planned) {
        return planned.hybrid().filter(read -> read.tiers().contains(hybridTables.hotEngine()))
                .<Consumer<RunningQuery>>map(read -> query -> query.fragments().stream()
                        .filter(fragment -> fragment.engine().equals(hybridTables.hotEngine()))
                        .mapToLong(FragmentStats::millis).max()
                        .ifPresent(millis -> hybridTables.requireHotRowsRead(read, query.started().plusMillis(millis))))
                .orElse(query -> {
                });
    }

    /** The fragments of a plan that have a property. */
    private static Set<FragmentSpec> specs(PlannedQuery planned, Predicate<PlannedFragment> property) {
        return planned.fragments().stream().filter(property).map(PlannedFragment::spec).collect(Collectors.toSet());
    }

    /**
     * One thread that stops queries whose deadline passed. A query that ends in time cancels its watch, which then
     * leaves the queue at once instead of waiting out the deadline (up to junction.query.max-timeout).
     */
    private static ScheduledThreadPoolExecutor deadlineWatch() {
        ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("query-deadlines").daemon().factory());
        watch.setRemoveOnCancelPolicy(true);
        return watch;
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    /**
     * The plan's generated code, compiled once per plan (plans are kept by the planner's cache). Compiling takes
     * tens of milliseconds, so it happens outside the lock: other queries start meanwhile, and two first runs of
     * one plan at once may both compile, the first to finish being kept.
     */
    private Compiled compiled(EnumerableRel plan) {
        synchronized (compiledPlans) {
            Compiled kept = compiledPlans.get(plan);
            if (kept != null) {
                return kept;
            }
        }
        Map<String, Object> stashed = new HashMap<>();
        Bindable<Object> bindable = EnumerableInterpretable.toBindable(stashed, null, plan, EnumerableRel.Prefer.ARRAY);
        Compiled compiled = new Compiled(bindable, Collections.unmodifiableMap(stashed));
        synchronized (compiledPlans) {
            return compiledPlans.computeIfAbsent(plan, key -> compiled);
        }
    }

    /** Generated code and the values it reads from its data context. */
    private record Compiled(Bindable<Object> bindable, Map<String, Object> stashed) {
    }

    private dev.junction.spi.SqlEngine engine(String name) {
        return catalog.engine(name).orElseThrow(() -> new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                "Engine '" + name + "' is not configured any more"));
    }
}
