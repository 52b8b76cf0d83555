package dev.junction.api.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestCatalogMetadata {
    @Test
    void patternsMatchAsJdbcMetadataPatternsDo() {
        assertThat(CatalogMetadata.likeToRegex("_art%").matcher("partsupp").matches()).isTrue();
        assertThat(CatalogMetadata.likeToRegex("_art%").matcher("art").matches()).isFalse();
        assertThat(CatalogMetadata.likeToRegex("%item").matcher("lineitem").matches()).isTrue();
        assertThat(CatalogMetadata.likeToRegex("JUNCTION\\_%").matcher("JUNCTION_CACHE").matches()).isTrue();
        assertThat(CatalogMetadata.likeToRegex("JUNCTION\\_%").matcher("JUNCTIONXCACHE").matches()).isFalse();
        assertThat(CatalogMetadata.likeToRegex("a.b").matcher("axb").matches()).isFalse();
    }
}
