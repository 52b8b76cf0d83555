package dev.junction.connector.ignite;

import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/** Creates {@link IgniteConnector}s for connector files with {@code type=ignite}. */
@ApplicationScoped
public class IgniteConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return "ignite";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:ignite:thin://");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of();
    }

    @Override
    public Set<String> optionalKeys() {
        return Set.of();
    }

    @Override
    public Connector create(ConnectorDefinition definition) {
        return new IgniteConnector(definition);
    }
}
