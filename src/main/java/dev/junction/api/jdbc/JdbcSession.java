package dev.junction.api.jdbc;

import dev.junction.api.TimeoutValue;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.QueryMode;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a JDBC connection's properties ask of every query it runs.
 *
 * @param tenant the {@code tenant} property: who the queries are for (recorded; Junction has no per-tenant data yet)
 * @param mode the {@code mode} property: auto (default), batch, realtime or cache
 * @param timeout the {@code timeout} property: each query's deadline, as seconds or text such as {@code 30s}
 */
record JdbcSession(Optional<String> tenant, QueryMode mode, Duration timeout) {
    JdbcSession {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The session the connection properties ask for.
     *
     * @throws JunctionException INVALID_REQUEST when a property's value is invalid
     */
    static JdbcSession of(Map<String, String> properties, Duration defaultTimeout, Duration maxTimeout) {
        Optional<String> tenant = Optional.ofNullable(properties.get("tenant")).filter(value -> !value.isBlank());
        String modeName = properties.get("mode");
        QueryMode mode = modeName == null ? QueryMode.AUTO : QueryMode.parse(modeName).orElseThrow(() ->
                new JunctionException(ErrorCode.INVALID_REQUEST,
                        "Unknown mode '" + modeName + "'; use auto, batch, realtime or cache"));
        String timeoutText = properties.get("timeout");
        Duration timeout = timeoutText == null ? defaultTimeout : TimeoutValue.parse(timeoutText);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(maxTimeout) > 0) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "timeout must be positive and at most "
                    + maxTimeout.toSeconds() + " s, got " + timeoutText);
        }
        return new JdbcSession(tenant, mode, timeout);
    }
}
