package dev.junction.connector.druid;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.connector.EngineProbe;
import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import dev.junction.spi.Capability;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.EngineHealth;
import dev.junction.spi.SqlEngine;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Apache Druid, the time-series engine: Druid SQL over Avatica JDBC at the broker, and the broker's and
 * coordinator's HTTP APIs.
 */
public final class DruidConnector implements Connector {
    static final String COORDINATOR_URL = "coordinator-url";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.SQL_QUERY, Capability.FILTER_PUSHDOWN,
            Capability.PROJECT_PUSHDOWN, Capability.AGGREGATE_PUSHDOWN, Capability.TOP_N_PUSHDOWN,
            Capability.LIMIT_PUSHDOWN, Capability.TIME_BUCKETING, Capability.APPROXIMATE_AGGREGATES,
            Capability.INGEST, Capability.CANCEL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorDefinition definition;
    private final DruidSqlEngine sqlEngine;
    private final HttpEndpoint broker;
    private final JdbcEndpoint sql;
    private final Optional<HttpEndpoint> coordinator;

    public DruidConnector(ConnectorDefinition definition) {
        this.definition = definition;
        this.broker = new HttpEndpoint(definition.url(), definition.connectTimeout(), definition.queryTimeout());
        Properties properties = JdbcEndpoint.credentials(definition);
        // Timestamps must arrive as UTC, whatever the gateway's default zone.
        properties.setProperty("timeZone", "UTC");
        // Connection properties become Druid's query context: exact answers, as every other engine gives
        // (Druid's defaults approximate COUNT(DISTINCT) and ordered top-N results).
        properties.setProperty("useApproximateCountDistinct", "false");
        properties.setProperty("useApproximateTopN", "false");
        this.sql = new JdbcEndpoint(new org.apache.calcite.avatica.remote.Driver(),
                "jdbc:avatica:remote:url=" + broker.resolve("druid/v2/sql/avatica/") + ";serialization=json",
                properties);
        this.sqlEngine = new DruidSqlEngine(sql, broker);
        this.coordinator = definition.property(COORDINATOR_URL)
                .map(url -> new HttpEndpoint(url, definition.connectTimeout(), definition.queryTimeout()));
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
        return EngineProbe.run(timeout, () -> {
            sql.probe();
            return JSON.readTree(broker.get("status")).path("version").asText("unknown");
        });
    }

    /** Druid SQL through the broker's Avatica endpoint. */
    public JdbcEndpoint endpoint() {
        return sql;
    }

    /** The coordinator-overlord's HTTP API (ingestion tasks, segments), when the file sets {@code coordinator-url}. */
    public Optional<HttpEndpoint> coordinator() {
        return coordinator;
    }

    @Override
    public void close() {
        sqlEngine.close();
        broker.close();
        coordinator.ifPresent(HttpEndpoint::close);
    }
}
