package dev.junction.cache;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.QueryMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestTtlClasses {
    @Test
    void builtInClassesHaveTheirTtls() {
        TtlClasses classes = new TtlClasses(Map.of(), "dashboard");

        assertThat(classes.all()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "anomaly", Duration.ZERO, "batch", Duration.ofMinutes(5), "dashboard", Duration.ofSeconds(30),
                "ml", Duration.ofMinutes(5), "realtime", Duration.ofSeconds(30))));
    }

    @Test
    void modesPickTheirClassAndOthersTheDefault() {
        TtlClasses classes = new TtlClasses(Map.of("realtime", Duration.ofSeconds(2), "reports", Duration.ofHours(1)),
                "reports");

        assertThat(classes.classOf(QueryMode.REALTIME)).isEqualTo("realtime");
        assertThat(classes.classOf(QueryMode.BATCH)).isEqualTo("batch");
        assertThat(classes.classOf(QueryMode.AUTO)).isEqualTo("reports");
        assertThat(classes.classOf(QueryMode.CACHE)).isEqualTo("reports");
        assertThat(classes.ttl("realtime")).isEqualTo(Duration.ofSeconds(2));
        assertThat(classes.ttl("reports")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDefaultClassWithoutTtlFailsAtStartup() {
        assertThatThrownBy(() -> new TtlClasses(Map.of(), "hourly"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("junction.cache.default-class names 'hourly', which has no "
                            + "junction.cache.ttl.hourly (classes: anomaly, batch, dashboard, ml, realtime)");
                });
    }

    @Test
    void aNegativeTtlFailsAtStartup() {
        assertThatThrownBy(() -> new TtlClasses(Map.of("batch", Duration.ofSeconds(-1)), "dashboard"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("junction.cache.ttl.batch must not be negative, got PT-1S"));
    }
}
