package dev.junction.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one health probe of an engine.
 *
 * @param up whether the engine answered a real request
 * @param version the engine's version as it reports it, when it answered
 * @param roundTripMillis how long the probe took
 * @param problem why the engine is down, for operators
 */
public record EngineHealth(boolean up, Optional<String> version, long roundTripMillis, Optional<String> problem) {
    public EngineHealth {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(problem, "problem");
        if (roundTripMillis < 0) {
            throw new IllegalArgumentException("roundTripMillis must not be negative: " + roundTripMillis);
        }
        if (up == problem.isPresent()) {
            throw new IllegalArgumentException("a healthy engine has no problem and a failed one has one");
        }
    }

    public static EngineHealth up(String version, long roundTripMillis) {
        return new EngineHealth(true, Optional.of(version), roundTripMillis, Optional.empty());
    }

    public static EngineHealth down(String problem, long roundTripMillis) {
        return new EngineHealth(false, Optional.empty(), roundTripMillis, Optional.of(problem));
    }
}
