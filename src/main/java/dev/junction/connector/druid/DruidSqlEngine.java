package dev.junction.connector.druid;

import dev.junction.connector.JdbcEndpoint;
import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;

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
 * fragment's id in Druid (what its cancel API, {@code DELETE /druid/v2/sql/{id}}, takes).
 */
final class DruidSqlEngine implements SqlEngine {
    private static final String SQL_QUERY_ID = "sqlQueryId";
    private static final SqlNamespace NAMESPACE = SqlNamespace.tablesOf("druid", "druid");

    private final JdbcEndpoint endpoint;
    // Avatica does not show a connection's properties again; weak keys let closed connections go.
    private final Map<Connection, String> queryIds = Collections.synchronizedMap(new WeakHashMap<>());

    DruidSqlEngine(JdbcEndpoint endpoint) {
        this.endpoint = endpoint;
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
}
