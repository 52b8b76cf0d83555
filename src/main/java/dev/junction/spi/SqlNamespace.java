package dev.junction.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Which levels of an engine's JDBC metadata (catalog, schema) the connector exposes in SQL.
 *
 * <p>A level given here is fixed and does not appear in names: Druid's tables are {@code druid.<table>}
 * (catalog and schema fixed), Ignite's {@code ignite.<schema>.<table>} (catalog fixed), Trino's
 * {@code trino.<catalog>.<schema>.<table>} (neither fixed).
 *
 * @param catalog the one catalog the tables are in, or empty when catalogs are a level of names
 * @param schema the one schema the tables are in, or empty when schemas are a level of names
 */
public record SqlNamespace(Optional<String> catalog, Optional<String> schema) {
    public SqlNamespace {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(schema, "schema");
        if (catalog.isEmpty() && schema.isPresent()) {
            throw new IllegalArgumentException("a fixed schema needs a fixed catalog");
        }
    }

    public static SqlNamespace catalogsAndSchemas() {
        return new SqlNamespace(Optional.empty(), Optional.empty());
    }

    public static SqlNamespace schemasOf(String catalog) {
        return new SqlNamespace(Optional.of(catalog), Optional.empty());
    }

    public static SqlNamespace tablesOf(String catalog, String schema) {
        return new SqlNamespace(Optional.of(catalog), Optional.of(schema));
    }
}
