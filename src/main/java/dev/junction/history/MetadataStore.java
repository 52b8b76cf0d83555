package dev.junction.history;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which database holds Junction's metadata: PostgreSQL when {@code junction.metadata.url} is set, else embedded
 * H2. Each is a Quarkus datasource with a persistence unit and Flyway of the same name, built in; exactly one is
 * active at runtime, because a datasource's kind and Hibernate's dialect are fixed at build time.
 */
public enum MetadataStore {
    POSTGRESQL("postgresql"),
    H2("h2");

    private final String unit;

    MetadataStore(String unit) {
        this.unit = unit;
    }

    /** The store a metadata URL selects: blank or absent means embedded H2. */
    public static MetadataStore of(Optional<String> url) {
        return url.filter(value -> !value.isBlank()).isPresent() ? POSTGRESQL : H2;
    }

    /** The name of its datasource, persistence unit and Flyway configuration. */
    public String unit() {
        return unit;
    }

    /** The Quarkus properties that activate this store's datasource, persistence unit and migrations, and no other. */
    public Map<String, String> activation() {
        Map<String, String> properties = new HashMap<>();
        for (MetadataStore store : values()) {
            String active = Boolean.toString(store == this);
            properties.put("quarkus.datasource.\"" + store.unit + "\".active", active);
            properties.put("quarkus.hibernate-orm.\"" + store.unit + "\".active", active);
            properties.put("quarkus.flyway.\"" + store.unit + "\".active", active);
        }
        return Map.copyOf(properties);
    }
}
