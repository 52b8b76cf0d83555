package dev.junction.connector;

import dev.junction.config.ConnectorFiles;
import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import dev.junction.spi.Connectors;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The connectors declared in connectors/, created once at startup; startup fails on any bad file. */
@Startup
@Singleton
public class ConnectorRegistry implements Connectors {
    private static final Logger LOG = Logger.getLogger(ConnectorRegistry.class);

    private final Map<String, Connector> connectors;

    public ConnectorRegistry(GatewayConfig config, Instance<ConnectorFactory> factories) {
        Map<String, ConnectorFactory> byType = factories.stream()
                .collect(Collectors.toMap(ConnectorFactory::type, Function.identity()));
        ConnectorFileParser parser = new ConnectorFileParser(byType, System::getenv);
        Map<String, Connector> created = new LinkedHashMap<>();
        try {
            for (Path file : ConnectorFiles.list(config.connectors().dir())) {
                if (ConnectorFiles.isLogicalSchema(file)) {
                    // Logical schemas map tables onto connectors; the SQL catalog reads them.
                    continue;
                }
                Optional<ConnectorDefinition> definition = parser.parse(file);
                if (definition.isEmpty()) {
                    LOG.infof("Connector file %s is disabled (enabled=false)", file);
                    continue;
                }
                created.put(definition.get().name(), byType.get(definition.get().type()).create(definition.get()));
                LOG.infof("Connector %s", definition.get());
            }
        } catch (RuntimeException e) {
            created.values().forEach(Connector::close);
            throw e;
        }
        this.connectors = Collections.unmodifiableMap(created);
    }

    @Override
    public Collection<Connector> all() {
        return connectors.values();
    }

    @Override
    public Optional<Connector> find(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    @Override
    public Connector get(String name) {
        return find(name).orElseThrow(() -> new JunctionException(ErrorCode.CONNECTOR_NOT_FOUND,
                "Connector '" + name + "' does not exist (connectors: " + String.join(", ", connectors.keySet()) + ")"));
    }

    @PreDestroy
    void close() {
        connectors.values().forEach(Connector::close);
    }
}
