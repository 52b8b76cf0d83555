package dev.junction.connector;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.Connector;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.ConnectorFactory;
import dev.junction.spi.EngineRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestConnectorFileParser {
    @TempDir
    Path dir;

    private final ConnectorFileParser parser = new ConnectorFileParser(
            Map.of("trino", new TestingFactory("trino", List.of("jdbc:trino://"), Set.of(), Set.of()),
                    "pulsar", new TestingFactory("pulsar", List.of("pulsar://"), Set.of("admin-url"), Set.of("tenant"))),
            Map.of("TRINO_PORT", "19090", "SECRET", "s3cret")::get);

    @Test
    void parsesEveryCommonKeyAndExpandsVariables() throws IOException {
        Path file = write("trino.properties", """
                type=trino
                url=jdbc:trino://127.0.0.1:${TRINO_PORT:18080}
                user=${TRINO_USER:junction}
                password=${SECRET}
                roles=batch, timeseries
                timeout.connect=500ms
                timeout.query=PT2M
                """);

        ConnectorDefinition definition = parser.parse(file).orElseThrow();

        assertThat(definition.name()).isEqualTo("trino");
        assertThat(definition.type()).isEqualTo("trino");
        assertThat(definition.url()).isEqualTo("jdbc:trino://127.0.0.1:19090");
        assertThat(definition.user()).contains("junction");
        assertThat(definition.password()).contains("s3cret");
        assertThat(definition.roles()).containsExactlyInAnyOrder(EngineRole.BATCH, EngineRole.TIMESERIES);
        assertThat(definition.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(definition.queryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(definition.properties()).isEmpty();
        assertThat(definition.toString()).doesNotContain("s3cret");
    }

    @Test
    void appliesDefaultsAndKeepsTypeSpecificKeys() throws IOException {
        Path file = write("events.properties", """
                type=pulsar
                url=pulsar://127.0.0.1:16650
                admin-url=http://127.0.0.1:18280
                tenant=public
                roles=stream
                """);

        ConnectorDefinition definition = parser.parse(file).orElseThrow();

        assertThat(definition.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(definition.queryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(definition.user()).isEmpty();
        assertThat(definition.password()).isEmpty();
        assertThat(definition.properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("admin-url", "http://127.0.0.1:18280", "tenant", "public"));
    }

    @Test
    void disabledFileYieldsNothing() throws IOException {
        Path file = write("trino.properties", "enabled=false\ntype=nonsense\n");

        assertThat(parser.parse(file)).isEmpty();
    }

    @Test
    void rejectsMissingType() throws IOException {
        Path file = write("trino.properties", "url=jdbc:trino://x\nroles=batch\n");

        assertInvalid(file, "required key 'type' is missing or empty");
    }

    @Test
    void rejectsUnknownType() throws IOException {
        Path file = write("mysql.properties", "type=mysql\nurl=jdbc:mysql://x\nroles=batch\n");

        assertInvalid(file, "key 'type' has unknown type 'mysql' (known types: pulsar, trino)");
    }

    @Test
    void rejectsMissingUrl() throws IOException {
        Path file = write("trino.properties", "type=trino\nroles=batch\n");

        assertInvalid(file, "required key 'url' is missing or empty");
    }

    @Test
    void rejectsUrlOfTheWrongKind() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=http://127.0.0.1:18080\nroles=batch\n");

        assertInvalid(file, "key 'url' has 'http://127.0.0.1:18080', expected a URL starting with jdbc:trino://");
    }

    @Test
    void rejectsMissingRoles() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles= , \n");

        assertInvalid(file, "required key 'roles' is missing or empty");
    }

    @Test
    void rejectsUnknownRole() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch,warehouse\n");

        assertInvalid(file, "key 'roles' has unknown role 'warehouse' "
                + "(known roles: batch, timeseries, hot, cache, stream, metadata)");
    }

    @Test
    void rejectsUnknownKey() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\ntimeout=5s\n");

        assertInvalid(file, "unknown key 'timeout' for type 'trino' (allowed keys: enabled, password, roles, "
                + "timeout.connect, timeout.query, type, url, user)");
    }

    @Test
    void keepsRefreshKeysByTablePath() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\n"
                + "cache.refresh.memory.default.events=SELECT COUNT(*), MAX(ts) FROM memory.default.events\n");

        ConnectorDefinition definition = parser.parse(file).orElseThrow();

        assertThat(definition.refreshKeys()).containsExactlyEntriesOf(
                Map.of("memory.default.events", "SELECT COUNT(*), MAX(ts) FROM memory.default.events"));
    }

    @Test
    void rejectsRefreshKeyWithoutTable() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\n"
                + "cache.refresh.=SELECT 1\n");

        assertInvalid(file, "key 'cache.refresh.' must name a table after 'cache.refresh.' "
                + "(e.g. cache.refresh.PUBLIC.EVENTS)");
    }

    @Test
    void rejectsRefreshKeyWithoutQuery() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\n"
                + "cache.refresh.memory.default.events=\n");

        assertInvalid(file, "key 'cache.refresh.memory.default.events' needs a query whose answer changes when "
                + "the table does (e.g. SELECT COUNT(*), MAX(ts) FROM …)");
    }

    @Test
    void rejectsMissingTypeSpecificKey() throws IOException {
        Path file = write("pulsar.properties", "type=pulsar\nurl=pulsar://x\nroles=stream\n");

        assertInvalid(file, "required key 'admin-url' is missing or empty");
    }

    @Test
    void rejectsBadDuration() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\ntimeout.query=soon\n");

        assertInvalid(file, "key 'timeout.query' has 'soon', expected a positive duration such as 500ms, 30s, 5m, "
                + "1h or PT30S");
    }

    @Test
    void rejectsZeroDuration() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\ntimeout.connect=0s\n");

        assertInvalid(file, "key 'timeout.connect' has '0s', expected a positive duration such as 500ms, 30s, 5m, "
                + "1h or PT30S");
    }

    @Test
    void rejectsBadEnabledFlag() throws IOException {
        Path file = write("trino.properties", "enabled=yes\ntype=trino\nurl=jdbc:trino://x\nroles=batch\n");

        assertInvalid(file, "key 'enabled' has 'yes', expected true or false");
    }

    @Test
    void rejectsUnsetVariableWithoutDefault() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\npassword=${NOPE}\n");

        assertInvalid(file, "key 'password' refers to environment variable NOPE, which is not set "
                + "(set it, or give a default as ${NOPE:default})");
    }

    @Test
    void rejectsFileNameThatIsNotAConnectorName() throws IOException {
        Path file = write("My-Trino.properties", "type=trino\nurl=jdbc:trino://x\nroles=batch\n");

        assertInvalid(file, "the file name must be a lower-case connector name matching [a-z][a-z0-9_]* "
                + "followed by .properties (the name becomes the schema in SQL)");
    }

    @Test
    void rejectsMalformedFile() throws IOException {
        Path file = write("trino.properties", "type=trino\nurl=\\uZZZZ\n");

        assertInvalid(file, "cannot be read: Malformed \\uxxxx encoding.", "Connector file " + file + " ");
    }

    private void assertInvalid(Path file, String problem) {
        assertInvalid(file, problem, "Connector file " + file + ": ");
    }

    private void assertInvalid(Path file, String problem, String prefix) {
        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOfSatisfying(JunctionException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(failure.getMessage()).isEqualTo(prefix + problem);
                });
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private record TestingFactory(String type, List<String> urlPrefixes, Set<String> requiredKeys,
                                  Set<String> optionalKeys) implements ConnectorFactory {
        @Override
        public Connector create(ConnectorDefinition definition) {
            throw new UnsupportedOperationException("the parser never creates connectors");
        }
    }
}
