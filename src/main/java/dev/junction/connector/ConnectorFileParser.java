package dev.junction.connector;

import dev.junction.config.ConnectorFiles;
import dev.junction.config.DurationText;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import dev.junction.spi.EngineRole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one connectors/*.properties file into a {@link ConnectorDefinition}, expanding {@code ${VAR}} and
 * {@code ${VAR:default}} from the environment, and rejects anything wrong with the file, key and reason.
 */
public final class ConnectorFileParser {
    static final String TYPE = "type";
    static final String URL = "url";
    static final String ROLES = "roles";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String ENABLED = "enabled";
    static final String CONNECT_TIMEOUT = "timeout.connect";
    static final String QUERY_TIMEOUT = "timeout.query";
    static final Set<String> COMMON_KEYS =
            Set.of(TYPE, URL, ROLES, USER, PASSWORD, ENABLED, CONNECT_TIMEOUT, QUERY_TIMEOUT);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final Map<String, ConnectorFactory> factories;
    private final Function<String, String> environment;

    /**
     * @param factories the known connector types, by type name
     * @param environment looks up environment variables; returns null for an unset one
     */
    public ConnectorFileParser(Map<String, ConnectorFactory> factories, Function<String, String> environment) {
        this.factories = Map.copyOf(factories);
        this.environment = environment;
    }

    /** Parses the file; an empty result means the file says {@code enabled=false}. */
    public Optional<ConnectorDefinition> parse(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".properties")
                ? fileName.substring(0, fileName.length() - ".properties".length())
                : fileName;
        if (!ConnectorDefinition.NAME.matcher(name).matches()) {
            throw invalid(file, "the file name must be a lower-case connector name matching "
                    + ConnectorDefinition.NAME + " followed by .properties (the name becomes the schema in SQL)");
        }
        Map<String, String> values = read(file);
        if (!parseBoolean(file, values, ENABLED, true)) {
            return Optional.empty();
        }
        String type = required(file, values, TYPE).toLowerCase(Locale.ROOT);
        ConnectorFactory factory = factories.get(type);
        if (factory == null) {
            throw invalid(file, "key '" + TYPE + "' has unknown type '" + type + "' (known types: "
                    + String.join(", ", new TreeSet<>(factories.keySet())) + ")");
        }
        Set<String> allowed = new TreeSet<>(COMMON_KEYS);
        allowed.addAll(factory.requiredKeys());
        allowed.addAll(factory.optionalKeys());
        for (String key : values.keySet()) {
            if (key.startsWith(ConnectorDefinition.REFRESH_KEY_PREFIX)) {
                requireRefreshKey(file, key, values.get(key));
            } else if (!allowed.contains(key)) {
                throw invalid(file, "unknown key '" + key + "' for type '" + type + "' (allowed keys: "
                        + String.join(", ", allowed) + ")");
            }
        }
        for (String key : new TreeSet<>(factory.requiredKeys())) {
            required(file, values, key);
        }
        String url = required(file, values, URL);
        if (factory.urlPrefixes().stream().noneMatch(url::startsWith)) {
            throw invalid(file, "key '" + URL + "' has '" + url + "', expected a URL starting with "
                    + String.join(" or ", factory.urlPrefixes()));
        }
        Map<String, String> specific = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!COMMON_KEYS.contains(key)) {
                specific.put(key, value);
            }
        });
        return Optional.of(new ConnectorDefinition(
                name,
                type,
                url,
                parseRoles(file, required(file, values, ROLES)),
                optional(values, USER),
                optional(values, PASSWORD),
                parseDuration(file, values, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                parseDuration(file, values, QUERY_TIMEOUT, DEFAULT_QUERY_TIMEOUT),
                specific));
    }

    private Map<String, String> read(Path file) {
        Properties properties = ConnectorFiles.load(file);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            values.put(key, expand(file, key, properties.getProperty(key).strip()));
        }
        return values;
    }

    private String expand(Path file, String key, String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement = environment.apply(variable);
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw invalid(file, "key '" + key + "' refers to environment variable " + variable
                        + ", which is not set (set it, or give a default as ${" + variable + ":default})");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String required(Path file, Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw invalid(file, "required key '" + key + "' is missing or empty");
        }
        return value;
    }

    /** {@code cache.refresh.<table>=<query>}: a table path after the prefix and a query as the value. */
    private static void requireRefreshKey(Path file, String key, String query) {
        if (key.length() == ConnectorDefinition.REFRESH_KEY_PREFIX.length() || key.endsWith(".")) {
            throw invalid(file, "key '" + key + "' must name a table after '" + ConnectorDefinition.REFRESH_KEY_PREFIX
                    + "' (e.g. " + ConnectorDefinition.REFRESH_KEY_PREFIX + "PUBLIC.EVENTS)");
        }
        if (query.isEmpty()) {
            throw invalid(file, "key '" + key + "' needs a query whose answer changes when the table does "
                    + "(e.g. SELECT COUNT(*), MAX(ts) FROM …)");
        }
    }

    private static Optional<String> optional(Map<String, String> values, String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
    }

    private static boolean parseBoolean(Path file, Map<String, String> values, String key, boolean fallback) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(file, "key '" + key + "' has '" + value + "', expected true or false");
        };
    }

    private static Set<EngineRole> parseRoles(Path file, String value) {
        Set<EngineRole> roles = EnumSet.noneOf(EngineRole.class);
        for (String role : value.split(",")) {
            String trimmed = role.strip().toUpperCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                roles.add(EngineRole.valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                throw invalid(file, "key '" + ROLES + "' has unknown role '" + role.strip() + "' (known roles: "
                        + Arrays.stream(EngineRole.values())
                                .map(known -> known.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")) + ")");
            }
        }
        if (roles.isEmpty()) {
            throw invalid(file, "required key '" + ROLES + "' is missing or empty");
        }
        return roles;
    }

    private static Duration parseDuration(Path file, Map<String, String> values, String key, Duration fallback) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Duration duration = DurationText.parse(value).orElse(null);
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw invalid(file, "key '" + key + "' has '" + value
                    + "', expected a positive duration such as 500ms, 30s, 5m, 1h or PT30S");
        }
        return duration;
    }

    private static JunctionException invalid(Path file, String problem) {
        return new JunctionException(ErrorCode.INVALID_CONFIGURATION, "Connector file " + file + ": " + problem);
    }
}
