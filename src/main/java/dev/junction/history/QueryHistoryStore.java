package dev.junction.history;

import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.hibernate.Session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The query history's tables in the active metadata store, through Hibernate ORM. Every call runs in a
 * transaction of its own, so it works from any thread.
 *
 * <p>Not Panache: a Panache entity belongs to exactly one persistence unit, and the store is one of two
 * (PostgreSQL or H2) chosen at runtime; this repository uses the active unit's session instead.
 */
@Singleton
class QueryHistoryStore {
    // The widest text the tables hold (see db/history); longer values are cut rather than refused.
    private static final int MAX_SQL = 1_000_000;
    private static final int MAX_MESSAGE = 10_000;

    private final MetadataStore store;
    private final Session session;

    QueryHistoryStore(GatewayConfig config, @Any Instance<Session> sessions) {
        this.store = MetadataStore.of(config.metadata().url());
        this.session = sessions.select(new PersistenceUnit.PersistenceUnitLiteral(store.unit())).get();
    }

    MetadataStore store() {
        return store;
    }

    /**
     * Records starts and ends, in their order, in one transaction: one commit for all the writes that queued up
     * while the last one ran.
     *
     * @param writes {@link QueryStart}s and {@link QueryEnd}s
     */
    void record(List<?> writes) {
        QuarkusTransaction.requiringNew().run(() -> writes.forEach(write -> {
            switch (write) {
                case QueryStart start -> started(start);
                case QueryEnd end -> ended(end);
                default -> throw new IllegalArgumentException("No query history write: " + write);
            }
        }));
    }

    private void started(QueryStart start) {
        QueryRecord record = new QueryRecord();
        record.id = start.queryId();
        record.sql = cut(start.sql(), MAX_SQL);
        record.state = QueryState.RUNNING.label();
        record.startedAt = start.startedAt();
        record.planningMs = start.planningMs();
        record.shape = start.shape().orElse(null);
        session.persist(record);
    }

    /** Records how a query ended; when its start was not recorded (the store was down), what is known now. */
    private void ended(QueryEnd end) {
        QueryRecord record = session.find(QueryRecord.class, end.queryId());
        if (record == null) {
            record = new QueryRecord();
            record.id = end.queryId();
            record.sql = "";
            record.startedAt = end.endedAt().minusMillis(end.executionMs());
            session.persist(record);
        }
        record.state = end.state().label();
        record.errorCode = end.errorCode().map(ErrorCode::name).orElse(null);
        record.errorMessage = end.errorMessage().map(message -> cut(message, MAX_MESSAGE)).orElse(null);
        record.endedAt = end.endedAt();
        record.executionMs = end.executionMs();
        record.rowCount = end.rowCount();
        record.fragments.clear();
        end.fragments().stream().map(QueryHistoryStore::row).forEach(record.fragments::add);
    }

    /** The newest queries first, optionally only those in one state. */
    List<RecordedQuery> recent(int limit, Optional<QueryState> state) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = state.isPresent()
                    ? session.createSelectionQuery("from QueryRecord where state = :state order by startedAt desc",
                            QueryRecord.class).setParameter("state", state.get().label())
                    : session.createSelectionQuery("from QueryRecord order by startedAt desc", QueryRecord.class);
            return query.setMaxResults(limit).getResultList().stream().map(QueryHistoryStore::view).toList();
        });
    }

    Optional<RecordedQuery> find(String queryId) {
        return QuarkusTransaction.requiringNew().call(() ->
                Optional.ofNullable(session.find(QueryRecord.class, queryId)).map(QueryHistoryStore::view));
    }

    /** Removes queries past the retention; returns how many. */
    int prune(HistoryRetention retention, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant cutoff = retention.cutoff(now);
            // The newest query past the count limit, if there are that many: it and everything older goes.
            List<Instant> beyondLimit = session.createSelectionQuery(
                            "select startedAt from QueryRecord order by startedAt desc", Instant.class)
                    .setFirstResult(retention.maxQueries()).setMaxResults(1).getResultList();
            if (!beyondLimit.isEmpty() && !beyondLimit.getFirst().isBefore(cutoff)) {
                cutoff = beyondLimit.getFirst().plusNanos(1);
            }
            return session.createMutationQuery("delete from QueryRecord where startedAt < :cutoff")
                    .setParameter("cutoff", cutoff).executeUpdate();
        });
    }

    private static FragmentRecord row(RecordedFragment fragment) {
        FragmentRecord row = new FragmentRecord();
        row.engine = fragment.engine();
        row.engineQueryId = fragment.engineQueryId().orElse(null);
        row.sql = cut(fragment.sql(), MAX_SQL);
        row.rows = fragment.rows();
        row.ms = fragment.ms();
        row.state = fragment.state();
        row.cancelled = fragment.cancelled();
        return row;
    }

    private static RecordedQuery view(QueryRecord record) {
        List<RecordedFragment> fragments = record.fragments.stream()
                .map(row -> new RecordedFragment(row.engine, Optional.ofNullable(row.engineQueryId), row.sql, row.rows,
                        row.ms, row.state, row.cancelled))
                .toList();
        return new RecordedQuery(record.id, record.sql, QueryState.parse(record.state).orElse(QueryState.FAILED),
                Optional.ofNullable(record.errorCode).map(ErrorCode::valueOf), Optional.ofNullable(record.errorMessage),
                record.startedAt, Optional.ofNullable(record.endedAt), record.planningMs, record.executionMs,
                record.rowCount, Optional.ofNullable(record.shape), fragments);
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
