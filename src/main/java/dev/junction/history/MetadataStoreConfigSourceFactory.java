package dev.junction.history;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Optional;

/**
 * Activates the one metadata store {@code junction.metadata.url} selects, so that a single setting switches
 * between PostgreSQL and embedded H2 (Quarkus has no conditional properties). Its ordinal is below
 * application.properties: an explicit {@code quarkus.datasource."h2".active} still wins.
 */
public final class MetadataStoreConfigSourceFactory implements ConfigSourceFactory {
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue("junction.metadata.url");
        MetadataStore store = MetadataStore.of(Optional.ofNullable(url).map(ConfigValue::getValue));
        return List.of(new MapBackedConfigSource("junction metadata store", store.activation(), ORDINAL) {
        });
    }
}
