package dev.junction.connector.pulsar;

import dev.junction.connector.EngineProbe;
import dev.junction.connector.HttpEndpoint;
import dev.junction.spi.Capability;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.EngineHealth;

import java.time.Duration;
import java.util.Set;

/** Apache Pulsar, the event stream: the broker's service URL for clients and its admin API for health. */
public final class PulsarConnector implements Connector {
    static final String ADMIN_URL = "admin-url";

    private final ConnectorDefinition definition;
    private final HttpEndpoint admin;

    public PulsarConnector(ConnectorDefinition definition) {
        this.definition = definition;
        this.admin = new HttpEndpoint(definition.property(ADMIN_URL).orElseThrow(), definition.connectTimeout(),
                definition.queryTimeout());
    }

    @Override
    public ConnectorDefinition definition() {
        return definition;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PUBLISH_SUBSCRIBE);
    }

    /** The broker's admin API ({@code admin-url}): topic policies and subscription cursors. */
    public HttpEndpoint admin() {
        return admin;
    }

    @Override
    public EngineHealth probe(Duration timeout) {
        return EngineProbe.run(timeout, () -> {
            // The health endpoint writes and reads a message through the broker, not just the web server.
            admin.get("admin/v2/brokers/health");
            return admin.get("admin/v2/brokers/version").strip();
        });
    }

    @Override
    public void close() {
        admin.close();
    }
}
