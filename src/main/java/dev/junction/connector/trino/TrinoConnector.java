package dev.junction.connector.trino;

import dev.junction.connector.EngineProbe;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.connector.JdbcSqlEngine;
import dev.junction.spi.Capability;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.EngineHealth;
import dev.junction.spi.SqlNamespace;
import dev.junction.spi.SqlEngine;
import io.trino.jdbc.TrinoDriver;
import io.trino.jdbc.TrinoResultSet;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** Trino, the batch engine, reached through trino-jdbc. */
public final class TrinoConnector implements Connector {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.SQL_QUERY, Capability.FILTER_PUSHDOWN,
            Capability.PROJECT_PUSHDOWN, Capability.AGGREGATE_PUSHDOWN, Capability.JOIN_PUSHDOWN,
            Capability.SORT_PUSHDOWN, Capability.LIMIT_PUSHDOWN, Capability.CANCEL);

    private final ConnectorDefinition definition;
    private final JdbcSqlEngine sqlEngine;
    private final TrinoDriver driver = new TrinoDriver();
    private final JdbcEndpoint endpoint;

    public TrinoConnector(ConnectorDefinition definition) {
        this.definition = definition;
        Properties properties = JdbcEndpoint.credentials(definition);
        // Trino requires a user name even without authentication.
        properties.putIfAbsent("user", "junction");
        properties.setProperty("source", "junction");
        // Parameterized statements as one EXECUTE IMMEDIATE instead of PREPARE plus EXECUTE: one round trip.
        properties.setProperty("explicitPrepare", "false");
        this.endpoint = new JdbcEndpoint(driver, definition.url(), properties);
        // The query id Trino assigned arrives with the first response, which executeQuery has already read.
        this.sqlEngine = new JdbcSqlEngine(endpoint, "trino", SqlNamespace.catalogsAndSchemas(),
                Set.of("system", "information_schema"),
                (statement, resultSet) -> Optional.ofNullable(resultSet.unwrap(TrinoResultSet.class).getQueryId()));
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
        try {
            driver.close();
        } catch (IOException e) {
            // Closing only shuts down the driver's HTTP client; there is nothing left to release.
        }
    }
}
