package dev.junction.spi;

import java.util.List;
import java.util.Set;

/** Creates the connectors of one type from their definitions and names the settings that type accepts. */
public interface ConnectorFactory {
    /** The value of {@code type=} in a connector file that this factory handles. */
    String type();

    /** How this type's {@code url=} may begin, e.g. {@code jdbc:trino://}. */
    List<String> urlPrefixes();

    /** Type-specific keys a connector file of this type must set. */
    Set<String> requiredKeys();

    /** Type-specific keys a connector file of this type may set, besides the common ones. */
    Set<String> optionalKeys();

    Connector create(ConnectorDefinition definition);
}
