package dev.junction.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One source as declared by a file in connectors/: what it is, where it is, and what it is used for.
 *
 * @param name the connector's name, which is its file name without ".properties" and its schema in SQL
 * @param type which kind of engine it is (trino, druid, ignite, pulsar, postgresql)
 * @param url where to reach it: a JDBC URL or an HTTP/service URL, as the type expects
 * @param roles what Junction uses it for
 * @param user the user to connect as, when the engine needs one
 * @param password the password, when the engine needs one; never printed
 * @param connectTimeout how long to wait for a connection
 * @param queryTimeout the default deadline of one request to the engine
 * @param properties settings specific to the connector type, already checked by its factory
 */
public record ConnectorDefinition(
        String name,
        String type,
        String url,
        Set<EngineRole> roles,
        Optional<String> user,
        Optional<String> password,
        Duration connectTimeout,
        Duration queryTimeout,
        Map<String, String> properties) {

    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * The prefix of keys that declare a table's external refresh key: {@code cache.refresh.<path.table>=<query>},
     * a query whose answer changes when the table's rows change outside Junction (e.g. a count and a max timestamp).
     */
    public static final String REFRESH_KEY_PREFIX = "cache.refresh.";

    public ConnectorDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connector name must match " + NAME + ": " + name);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("connector " + name + " needs at least one role");
        }
        roles = Set.copyOf(roles);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(queryTimeout, "queryTimeout");
        properties = Map.copyOf(properties);
    }

    /** A type-specific setting, when the file sets it. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** The refresh key queries the file declares, by table path below the connector (e.g. {@code PUBLIC.EVENTS}). */
    public Map<String, String> refreshKeys() {
        Map<String, String> keys = new TreeMap<>();
        properties.forEach((key, query) -> {
            if (key.startsWith(REFRESH_KEY_PREFIX)) {
                keys.put(key.substring(REFRESH_KEY_PREFIX.length()), query);
            }
        });
        return keys;
    }

    @Override
    public String toString() {
        // The password stays out of logs.
        return "ConnectorDefinition[name=" + name + ", type=" + type + ", url=" + url + ", roles=" + roles
                + ", user=" + user.orElse("") + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout
                + ", properties=" + properties + "]";
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}
