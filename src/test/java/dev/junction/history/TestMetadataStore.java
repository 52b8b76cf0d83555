package dev.junction.history;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestMetadataStore {
    @Test
    void aUrlSelectsPostgresqlNoneOrABlankOneH2() {
        assertThat(MetadataStore.of(Optional.of("jdbc:postgresql://127.0.0.1:15432/junction")))
                .isEqualTo(MetadataStore.POSTGRESQL);
        assertThat(MetadataStore.of(Optional.empty())).isEqualTo(MetadataStore.H2);
        assertThat(MetadataStore.of(Optional.of("  "))).isEqualTo(MetadataStore.H2);
    }

    @Test
    void exactlyTheSelectedStoreIsActive() {
        assertThat(MetadataStore.H2.activation()).isEqualTo(Map.of(
                "quarkus.datasource.\"h2\".active", "true",
                "quarkus.hibernate-orm.\"h2\".active", "true",
                "quarkus.flyway.\"h2\".active", "true",
                "quarkus.datasource.\"postgresql\".active", "false",
                "quarkus.hibernate-orm.\"postgresql\".active", "false",
                "quarkus.flyway.\"postgresql\".active", "false"));
        assertThat(MetadataStore.POSTGRESQL.activation()).containsEntry("quarkus.datasource.\"postgresql\".active", "true")
                .containsEntry("quarkus.datasource.\"h2\".active", "false");
    }
}
