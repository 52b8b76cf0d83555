package dev.junction.connector.druid;

import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;
import org.jboss.logging.Logger;

import java.io.IOException;
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

/**
 * Druid SQL over Avatica JDBC, every connection opened with its own {@code sqlQueryId}: Druid takes query
 * context only per connection, and a fragment runs one statement on a connection of its own, so that id is the
 * fragment's id in Druid, which its cancel API, {@code DELETE /druid/v2/sql/{id}}, takes. A query whose rows
 * are streamed over Avatica ends on the broker when its statement is closed.
 */
final class DruidSqlEngine implements SqlEngine {
    private static final String SQL_QUERY_ID = "sqlQueryId";
    private static final SqlNamespace NAMESPACE = SqlNamespace.tablesOf("druid", "druid");

    private static final Logger LOG = Logger.getLogger(DruidSqlEngine.class);

    private final JdbcEndpoint endpoint;
    private final HttpEndpoint broker;
    // Avatica does not show a connection's properties again; weak keys let closed connections go.
    private final Map<Connection, String> queryIds = Collections.synchronizedMap(new WeakHashMap<>());

    DruidSqlEngine(JdbcEndpoint endpoint, HttpEndpoint broker) {
        this.endpoint = endpoint;
        this.broker = broker;
    }

    @Override
    public Connection connect() throws SQLException {
        String queryId = UUID.randomUUID().toString();
        Properties context = new Properties();
        context.setProperty(SQL_QUERY_ID, queryId);
        Connection connection = endpoint.open(context);
        queryIds.put(connection, queryId);
        return connection;
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
