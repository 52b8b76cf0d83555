package dev.junction.api.jdbc;

import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.PlannedQuery;
import dev.junction.sql.QueryCoordinator;
import dev.junction.sql.SqlRequest;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Junction's Avatica {@code Meta}: JDBC connections and statements over the {@link QueryCoordinator}, the one query
 * path (plan, start, rows frame by frame, finished), so that the query history, cancellation and timeouts are those
 * of REST. Connections and statements unused for {@code junction.jdbc.idle-timeout} are closed.
 */
@Singleton
public class JunctionMeta extends CatalogMeta {
    private static final Logger LOG = Logger.getLogger(JunctionMeta.class);

    private final QueryCoordinator coordinator;
    private final GatewayConfig.Query limits;
    private final JdbcConfig config;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<Integer, JdbcStatement> statements = new ConcurrentHashMap<>();
    private final AtomicInteger statementIds = new AtomicInteger();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("jdbc-idle-reaper").daemon().factory());

    public JunctionMeta(CatalogMetadata metadata, QueryCoordinator coordinator, GatewayConfig gateway,
            JdbcConfig config) {
        super(metadata);
        this.coordinator = coordinator;
        this.limits = gateway.query();
        this.config = config;
        long period = Math.max(1, config.idleTimeout().toMillis() / 4);
        reaper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        reaper.shutdownNow();
        connections.keySet().forEach(id -> closeConnection(new ConnectionHandle(id)));
    }

    /** How many statements are open now, over all connections. */
    public int openStatements() {
        return statements.size();
    }

    @Override
    int nextStatementId() {
        return statementIds.incrementAndGet();
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        JdbcSession session = JdbcSession.of(info == null ? Map.of() : info, limits.timeout(), limits.maxTimeout());
        connections.put(ch.id, new Connection(session));
        LOG.debugf("JDBC connection %s opened: %s", ch.id, session);
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        connections.remove(ch.id);
        statements.values().stream().filter(statement -> statement.connectionId().equals(ch.id)).toList()
                .forEach(statement -> close(statement.id()));
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        connection(ch.id);
        JdbcStatement statement = new JdbcStatement(ch.id, nextStatementId(), coordinator);
        statements.put(statement.id(), statement);
        return new StatementHandle(ch.id, statement.id(), null);
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        StatementHandle handle = createStatement(ch);
        PlannedQuery planned;
        try {
            planned = coordinator.plan(QueryCoordinator.newQueryId(), request(ch.id, sql, List.of(), -1,
                    Optional.empty()));
        } catch (RuntimeException e) {
            // The client never learns the statement's id: nothing else would close it.
            close(handle.id);
            throw e;
        }
        statements.get(handle.id).prepare(planned, maxRowCount);
        handle.signature = signature(planned);
        return handle;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
            PrepareCallback callback) throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    /** Plans and starts the statement; its rows come with the fetches that follow, none with this answer. */
    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
            PrepareCallback callback) throws NoSuchStatementException {
        JdbcStatement statement = statement(h);
        String queryId = QueryCoordinator.newQueryId();
        LOG.debugf("JDBC statement %d runs query %s", h.id, queryId);
        SqlRequest request = request(h.connectionId, sql, List.of(), maxRowCount, statement.timeout());
        PlannedQuery planned = statement.execute(queryId, () -> coordinator.plan(queryId, request), request);
        Signature signature = signature(planned);
        return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, signature, null)));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        JdbcStatement statement = statement(h);
        PlannedQuery planned = statement.prepared();
        List<Object> values = parameterValues == null ? List.of()
                : parameterValues.stream().map(JdbcTypes::parameterValue).toList();
        SqlRequest request = request(h.connectionId, planned.sql(), values, statement.preparedMaxRows(),
                statement.timeout());
        statement.execute(QueryCoordinator.newQueryId(), () -> planned, request);
        return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, signature(planned), null)));
    }

    /**
     * The next frame of rows. A statement that is gone fails the fetch: answering "no such statement" would make
     * the driver re-create it and read on from nothing, ending the result early without an error.
     */
    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) {
        int frameRows = fetchMaxRowCount <= 0 ? config.maxFrameRows() : Math.min(fetchMaxRowCount, config.maxFrameRows());
        JdbcStatement statement = statements.get(h.id);
        if (statement == null) {
            // Before the connection: an idle connection is closed with its last statement.
            throw new JunctionException(ErrorCode.QUERY_CANCELLED, "Statement " + h.id + " was closed before its"
                    + " last row (unused for longer than junction.jdbc.idle-timeout?); run the query again");
        }
        connection(h.connectionId);
        return statement.fetch(offset, frameRows);
    }

    /**
     * Cancels what a statement runs now (see {@link JdbcStatement#cancel}); the statement stays open. Not part of
     * the Avatica protocol: Junction's driver sends it from {@code Statement.cancel()}.
     *
     * @throws JunctionException RESOURCE_NOT_FOUND when the connection has no such open statement
     */
    public void cancel(String connectionId, int statementId) {
        openStatement(connectionId, statementId).cancel();
    }

    /**
     * Sets the timeout of the queries a statement runs from now on ({@code Statement.setQueryTimeout}, sent by
     * Junction's driver): zero goes back to the connection's timeout; more than {@code junction.query.max-timeout}
     * is that maximum.
     *
     * @throws JunctionException RESOURCE_NOT_FOUND when the connection has no such open statement, INVALID_REQUEST
     *         when the timeout is negative
     */
    public void timeout(String connectionId, int statementId, Duration timeout) {
        if (timeout.isNegative()) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "A statement's timeout cannot be negative: "
                    + timeout.toMillis() + " ms");
        }
        JdbcStatement statement = openStatement(connectionId, statementId);
        statement.timeout(timeout.isZero() ? Optional.empty()
                : Optional.of(timeout.compareTo(limits.maxTimeout()) > 0 ? limits.maxTimeout() : timeout));
    }

    @Override
    public void closeStatement(StatementHandle h) {
        close(h.id);
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands) {
        throw new JunctionException(ErrorCode.NOT_SUPPORTED, "Junction is read-only: batches of updates are not supported");
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues) {
        throw new JunctionException(ErrorCode.NOT_SUPPORTED, "Junction is read-only: batches of updates are not supported");
    }

    @Override
    public Iterable<Object> createIterable(StatementHandle stmt, org.apache.calcite.avatica.QueryState state,
            Signature signature, List<TypedValue> parameters, Frame firstFrame) {
        throw new JunctionException(ErrorCode.NOT_SUPPORTED, "Rows are read with fetch");
    }

    /** Results are not re-run after a lost statement: the query would run twice on the engines. */
    @Override
    public boolean syncResults(StatementHandle sh, org.apache.calcite.avatica.QueryState state, long offset) {
        return false;
    }

    @Override
    public void commit(ConnectionHandle ch) {
        // Read-only: nothing to commit.
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        // Read-only: nothing to roll back.
    }

    private SqlRequest request(String connectionId, String sql, List<Object> parameters, long maxRowCount,
            Optional<Duration> statementTimeout) {
        JdbcSession session = connection(connectionId).session;
        return new SqlRequest(sql, parameters, session.mode(), statementTimeout.orElse(session.timeout()),
                maxRowCount > 0 ? maxRowCount : Long.MAX_VALUE, false);
    }

    private static Signature signature(PlannedQuery planned) {
        return new Signature(JdbcTypes.columns(planned.rowType()), planned.sql(),
                JdbcTypes.parameters(planned.parameterTypes()), Map.of(), CursorFactory.ARRAY, StatementType.SELECT);
    }

    private Connection connection(String id) {
        Connection connection = connections.get(id);
        if (connection == null) {
            throw new NoSuchConnectionException(id);
        }
        connection.lastUsedNanos = System.nanoTime();
        return connection;
    }

    private JdbcStatement statement(StatementHandle h) throws NoSuchStatementException {
        connection(h.connectionId);
        JdbcStatement statement = statements.get(h.id);
        if (statement == null) {
            throw new NoSuchStatementException(h);
        }
        return statement;
    }

    private JdbcStatement openStatement(String connectionId, int statementId) {
        Connection connection = connections.get(connectionId);
        JdbcStatement statement = statements.get(statementId);
        if (connection == null || statement == null || !statement.connectionId().equals(connectionId)) {
            throw new JunctionException(ErrorCode.RESOURCE_NOT_FOUND, "Connection " + connectionId
                    + " has no open statement " + statementId);
        }
        connection.lastUsedNanos = System.nanoTime();
        return statement;
    }

    private void close(int statementId) {
        JdbcStatement statement = statements.remove(statementId);
        if (statement != null) {
            statement.close();
        }
    }

    /** Closes statements and connections nobody used for the idle timeout (stopping their queries). */
    private void closeIdle() {
        try {
            long now = System.nanoTime();
            long idleNanos = config.idleTimeout().toNanos();
            statements.values().stream().filter(statement -> statement.isIdle()
                    && now - statement.lastUsedNanos() > idleNanos).toList().forEach(statement -> {
                        LOG.infof("JDBC statement %d of connection %s closed after %s unused", statement.id(),
                                statement.connectionId(), config.idleTimeout());
                        close(statement.id());
                    });
            connections.entrySet().stream().filter(entry -> now - entry.getValue().lastUsedNanos > idleNanos
                    && statements.values().stream().noneMatch(statement ->
                    statement.connectionId().equals(entry.getKey()))).map(Map.Entry::getKey).toList()
                    .forEach(id -> {
                        LOG.infof("JDBC connection %s closed after %s unused", id, config.idleTimeout());
                        closeConnection(new ConnectionHandle(id));
                    });
        } catch (RuntimeException e) {
            LOG.warn("Closing idle JDBC statements failed", e);
        }
    }

    /** An open JDBC connection: its session, and when it was last used. */
    private static final class Connection {
        private final JdbcSession session;
        private volatile long lastUsedNanos = System.nanoTime();

        private Connection(JdbcSession session) {
            this.session = session;
        }
    }
}
