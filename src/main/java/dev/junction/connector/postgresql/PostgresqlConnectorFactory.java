package dev.junction.connector.postgresql;

import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/** Creates {@link PostgresqlConnector}s for connector files with {@code type=postgresql}. */
@ApplicationScoped
public class PostgresqlConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:postgresql://");
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
        return new PostgresqlConnector(definition);
    }
}
