package dev.junction.connector.ignite;

import dev.junction.connector.EngineProbe;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.connector.JdbcSqlEngine;
import dev.junction.spi.Capability;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.EngineHealth;
import dev.junction.spi.SqlNamespace;
import dev.junction.spi.SqlEngine;
import org.apache.ignite.IgniteJdbcThinDriver;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Apache Ignite 2.x, the in-memory tier, reached through its JDBC thin driver (a client, never a server node). */
public final class IgniteConnector implements Connector {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.SQL_QUERY, Capability.FILTER_PUSHDOWN,
            Capability.PROJECT_PUSHDOWN, Capability.AGGREGATE_PUSHDOWN, Capability.JOIN_PUSHDOWN,
            Capability.SORT_PUSHDOWN, Capability.LIMIT_PUSHDOWN, Capability.KEY_LOOKUP, Capability.EXPIRY,
            Capability.INGEST, Capability.CANCEL);
    /** The one catalog Ignite's JDBC metadata reports; schemas (TPCH, PUBLIC, …) are the first level of names. */
    private static final String IGNITE_CATALOG = "IGNITE";

    private final ConnectorDefinition definition;
    private final JdbcSqlEngine sqlEngine;
    private final JdbcEndpoint endpoint;

    public IgniteConnector(ConnectorDefinition definition) {
        this.definition = definition;
        this.endpoint = new JdbcEndpoint(new IgniteJdbcThinDriver(), definition.url(),
                JdbcEndpoint.credentials(definition));
        this.sqlEngine = new JdbcSqlEngine(endpoint, "ignite", SqlNamespace.schemasOf(IGNITE_CATALOG), Set.of("SYS"));
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
    public Optional<SqlEngine> sql() {
        return Optional.of(sqlEngine);
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
