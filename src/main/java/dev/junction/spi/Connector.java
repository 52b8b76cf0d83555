package dev.junction.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** One engine as Junction sees it: ready after construction, owning its clients until closed. */
public interface Connector extends AutoCloseable {
    ConnectorDefinition definition();

    /** What the planner may push to this engine. */
    Set<Capability> capabilities();

    /** The engine's SQL access, when it runs SQL queries over tables Junction exposes. */
    default Optional<SqlEngine> sql() {
        return Optional.empty();
    }

    /** Makes one real request to the engine, bounded by the timeout; never throws. */
    EngineHealth probe(Duration timeout);

    /** Releases the connector's clients; does not throw. */
    @Override
    void close();
}
