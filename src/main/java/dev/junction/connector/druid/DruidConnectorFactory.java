package dev.junction.connector.druid;

import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/** Creates {@link DruidConnector}s for connector files with {@code type=druid}; {@code url} is the broker. */
@ApplicationScoped
public class DruidConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return "druid";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("http://", "https://");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of();
    }

    @Override
    public Set<String> optionalKeys() {
        return Set.of(DruidConnector.COORDINATOR_URL);
    }

    @Override
    public Connector create(ConnectorDefinition definition) {
        return new DruidConnector(definition);
    }
}
