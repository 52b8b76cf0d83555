package dev.junction.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The ingest path on, over the stack's Pulsar and Ignite: the consumer runs (with the names of
 * {@code junction.ingest.*}, which each test run sets through JUNCTION_INGEST_* variables), and the result cache is on
 * so that hot-store writes bump the hybrid table's data version. The metadata store is the stack's shared
 * PostgreSQL, where gateways of other branches may have applied newer migrations: those are tolerated.
 */
public class IngestEnabledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("junction.ingest.enabled", "true", "junction.cache.enabled", "true",
                "quarkus.flyway.\"postgresql\".ignore-migration-patterns", "*:future");
    }
}
