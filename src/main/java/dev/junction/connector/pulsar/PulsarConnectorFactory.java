package dev.junction.connector.pulsar;

import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/** Creates {@link PulsarConnector}s for connector files with {@code type=pulsar}. */
@ApplicationScoped
public class PulsarConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return "pulsar";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("pulsar://", "pulsar+ssl://");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of(PulsarConnector.ADMIN_URL);
    }

    @Override
    public Set<String> optionalKeys() {
        return Set.of();
    }

    @Override
    public Connector create(ConnectorDefinition definition) {
        return new PulsarConnector(definition);
    }
}
