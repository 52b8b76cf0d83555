package dev.junction.connector.postgresql;

import dev.junction.connector.EngineProbe;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.spi.Capability;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.EngineHealth;

import java.time.Duration;
import java.util.Set;

/** PostgreSQL, Junction's metadata store in the local stack, reached through its JDBC driver. */
public final class PostgresqlConnector implements Connector {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.SQL_QUERY, Capability.FILTER_PUSHDOWN,
            Capability.PROJECT_PUSHDOWN, Capability.AGGREGATE_PUSHDOWN, Capability.JOIN_PUSHDOWN,
            Capability.SORT_PUSHDOWN, Capability.LIMIT_PUSHDOWN, Capability.CANCEL);

    private final ConnectorDefinition definition;
    private final JdbcEndpoint endpoint;

    public PostgresqlConnector(ConnectorDefinition definition) {
        this.definition = definition;
        this.endpoint = new JdbcEndpoint(new org.postgresql.Driver(), definition.url(),
                JdbcEndpoint.credentials(definition));
    }

    @Override
    public ConnectorDefinition definition() {
        return definition;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public EngineHealth probe(Duration timeout) {
        return EngineProbe.run(timeout, endpoint::probe);
    }

    public JdbcEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        // Connections are opened per request; nothing is held between them yet.
    }
}
