package dev.junction.connector.trino;

import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/** Creates {@link TrinoConnector}s for connector files with {@code type=trino}. */
@ApplicationScoped
public class TrinoConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return "trino";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:trino://");
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
        return new TrinoConnector(definition);
    }
}
