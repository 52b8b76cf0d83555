package dev.junction.deploy;

import dev.junction.config.ConnectorFiles;
import dev.junction.connector.ConnectorFileParser;
import dev.junction.connector.druid.DruidConnectorFactory;
import dev.junction.connector.ignite.IgniteConnectorFactory;
import dev.junction.connector.postgresql.PostgresqlConnectorFactory;
import dev.junction.connector.pulsar.PulsarConnectorFactory;
import dev.junction.connector.trino.TrinoConnectorFactory;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of connector files read as the gateway reads it at startup (ConnectorRegistry): every engine file
 * through the gateway's own parser, logical schemas left to the SQL catalog.
 */
final class ConnectorFolder {
    private static final Map<String, ConnectorFactory> TYPES = Stream.of(new TrinoConnectorFactory(),
                    new DruidConnectorFactory(), new IgniteConnectorFactory(), new PulsarConnectorFactory(),
                    new PostgresqlConnectorFactory())
            .collect(Collectors.toMap(ConnectorFactory::type, Function.identity()));

    private ConnectorFolder() {
    }

    /** The enabled connectors by name; throws the gateway's own startup error for a bad file. */
    static Map<String, ConnectorDefinition> parse(Path folder, Function<String, String> environment) {
        ConnectorFileParser parser = new ConnectorFileParser(TYPES, environment);
        Map<String, ConnectorDefinition> definitions = new TreeMap<>();
        for (Path file : ConnectorFiles.list(folder)) {
            if (!ConnectorFiles.isLogicalSchema(file)) {
                parser.parse(file).ifPresent(definition -> definitions.put(definition.name(), definition));
            }
        }
        return definitions;
    }
}
