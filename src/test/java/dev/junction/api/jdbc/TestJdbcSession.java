package dev.junction.api.jdbc;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.QueryMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TestJdbcSession {
    private static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final Duration MAX = Duration.ofMinutes(30);

    @Test
    void connectionPropertiesSetTenantModeAndTimeout() {
        assertThat(JdbcSession.of(Map.of("tenant", "acme", "mode", "BATCH", "timeout", "90"), DEFAULT, MAX))
                .isEqualTo(new JdbcSession(Optional.of("acme"), QueryMode.BATCH, Duration.ofSeconds(90)));
        assertThat(JdbcSession.of(Map.of("timeout", "500ms"), DEFAULT, MAX).timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(JdbcSession.of(Map.of("timeout", "PT2M"), DEFAULT, MAX).timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void withoutPropertiesTheGatewayDefaultsApply() {
        assertThat(JdbcSession.of(Map.of("user", "analyst", "password", ""), DEFAULT, MAX))
                .isEqualTo(new JdbcSession(Optional.empty(), QueryMode.AUTO, DEFAULT));
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        JunctionException mode = catchThrowableOfType(JunctionException.class,
                () -> JdbcSession.of(Map.of("mode", "fastest"), DEFAULT, MAX));
        assertThat(mode.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(mode.getMessage()).isEqualTo("Unknown mode 'fastest'; use auto, batch, realtime or cache");

        JunctionException tooLong = catchThrowableOfType(JunctionException.class,
                () -> JdbcSession.of(Map.of("timeout", "2h"), DEFAULT, MAX));
        assertThat(tooLong.getMessage()).isEqualTo("timeout must be positive and at most 1800 s, got 2h");

        JunctionException notADuration = catchThrowableOfType(JunctionException.class,
                () -> JdbcSession.of(Map.of("timeout", "soon"), DEFAULT, MAX));
        assertThat(notADuration.getMessage())
                .isEqualTo("timeout must be seconds or a duration such as \"500ms\", \"30s\", \"2m\"; got \"soon\"");
    }
}
