package dev.junction.spi;

import java.util.Collection;
import java.util.Optional;

/** The connectors configured in connectors/, as the planner and the protocol adapters see them. */
public interface Connectors {
    /** Every enabled connector, in file-name order. */
    Collection<Connector> all();

    Optional<Connector> find(String name);

    /** The named connector; throws CONNECTOR_NOT_FOUND naming the ones that exist. */
    Connector get(String name);
}
