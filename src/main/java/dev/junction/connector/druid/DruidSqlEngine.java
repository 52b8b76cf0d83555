package dev.junction.connector.druid;

import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Druid SQL over Avatica JDBC, every connection opened with its own {@code sqlQueryId}: Druid takes query
 * context only per connection, and a fragment runs one statement on a connection of its own, so that id is the
 * fragment's id in Druid, which its cancel API, {@code DELETE /druid/v2/sql/{id}}, takes. A query whose rows
 * are streamed over Avatica ends on the broker when its statement is closed.
 *
 * <p>Opening and closing an Avatica connection are a round trip each (about 10 ms together on a busy machine):
 * a few connections are opened ahead, each with its own id, and used connections are closed in the background,
 * so that neither is on a query's path.
 */
final class DruidSqlEngine implements SqlEngine, AutoCloseable {
    private static final String SQL_QUERY_ID = "sqlQueryId";
    private static final SqlNamespace NAMESPACE = SqlNamespace.tablesOf("druid", "druid");

    private static final Logger LOG = Logger.getLogger(DruidSqlEngine.class);

    private static final int SPARES = 2;
    /** Druid closes a connection idle for 5 minutes (druid.sql.avatica.connectionIdleTimeout); spares go sooner. */
    private static final long SPARE_MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final JdbcEndpoint endpoint;
    private final HttpEndpoint broker;
    // Avatica does not show a connection's properties again; weak keys let closed connections go.
    private final Map<Connection, String> queryIds = Collections.synchronizedMap(new WeakHashMap<>());
    private final BlockingQueue<Spare> spares = new LinkedBlockingQueue<>();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private volatile boolean closed;

    /** A connection opened ahead, and when. */
    private record Spare(Connection connection, long openedNanos) {
    }

    DruidSqlEngine(JdbcEndpoint endpoint, HttpEndpoint broker) {
        this.endpoint = endpoint;
        this.broker = broker;
    }

    /** A connection of its own for one statement: one opened ahead when there is a fresh one. Closing it returns at once. */
    @Override
    public Connection connect() throws SQLException {
        Connection connection = null;
        Spare spare;
        while (connection == null && (spare = spares.poll()) != null) {
            if (System.nanoTime() - spare.openedNanos() < SPARE_MAX_AGE_NANOS) {
                connection = spare.connection();
            } else {
                closeInBackground(spare.connection());
            }
        }
        if (connection == null) {
            connection = open();
        }
        refill();
        return closedInBackground(connection);
    }

    @Override
    public void close() {
        closed = true;
        for (Spare spare = spares.poll(); spare != null; spare = spares.poll()) {
            closeQuietly(spare.connection());
        }
    }

    private Connection open() throws SQLException {
        String queryId = UUID.randomUUID().toString();
        Properties context = new Properties();
        context.setProperty(SQL_QUERY_ID, queryId);
        Connection connection = endpoint.open(context);
        queryIds.put(connection, queryId);
        return connection;
    }

    /** Opens connections ahead until there are enough, in the background; a failure waits for the next use. */
    private void refill() {
        if (closed || !refilling.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("druid-connections").start(() -> {
            try {
                while (!closed && spares.size() < SPARES) {
                    spares.add(new Spare(open(), System.nanoTime()));
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debugf(e, "Opening a Druid connection ahead failed");
            } finally {
                refilling.set(false);
            }
        });
    }

    /** The connection, whose close is handed to a background thread. */
    private static Connection closedInBackground(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        closeInBackground(connection);
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void closeInBackground(Connection connection) {
        Thread.ofVirtual().name("druid-connection-close").start(() -> closeQuietly(connection));
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Closing a Druid connection failed");
        }
    }

    @Override
    public String language() {
        return "druid";
    }

    @Override
    public SqlNamespace namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<String> hiddenNamespaces() {
        return Set.of();
    }

    @Override
    public Optional<String> engineQueryId(Statement statement, ResultSet resultSet) throws SQLException {
        return Optional.ofNullable(queryIds.get(statement.getConnection()));
    }

    /**
     * Asks the broker to cancel the statement's query. Avatica's {@link Statement#cancel()} is not called: it only
     * sets a flag in the client, and waits for the statement's lock while a frame is being fetched.
     */
    @Override
    public void cancel(Statement statement) throws SQLException {
        String queryId = queryIds.get(statement.getConnection());
        if (queryId == null) {
            return;
        }
        try {
            // 202: cancelled; 404: not running (finished already, or not started yet).
            int status = broker.delete("druid/v2/sql/" + queryId);
            LOG.debugf("Druid answered HTTP %d to cancelling query %s", status, queryId);
        } catch (IOException e) {
            LOG.infof("Druid's broker did not take the cancel of query %s: %s", queryId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
