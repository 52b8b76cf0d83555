package dev.junction.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The ingest path on, over the stack's Pulsar and Ignite: the consumer runs, and the result cache is on so that
 * hot-store writes bump the hybrid table's data version. The metadata store is the stack's shared PostgreSQL, where
 * gateways of other branches may have applied newer migrations: those are tolerated.
 *
 * <p>The ingest names are the tests' own ({@code metrics-it}, {@code METRICS.POINTS_IT}, {@code points_it},
 * {@code metrics.points_it}, …), not the defaults: a gateway started by {@code bin/junction up} consumes and hands
 * off the default ones with one-hour chunks, and would hold the handoff lease of the tests' table. A
 * {@code JUNCTION_INGEST_*} variable still chooses a name (parallel runs on one stack).
 */
public class IngestEnabledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("junction.ingest.enabled", "true", "junction.cache.enabled", "true",
                "quarkus.flyway.\"postgresql\".ignore-migration-patterns", "*:future",
                "junction.ingest.topic", name("TOPIC", "metrics-it"),
                "junction.ingest.dead-letter-topic", name("DEAD_LETTER_TOPIC", "metrics-dlq-it"),
                "junction.ingest.subscription", name("SUBSCRIPTION", "junction-ingest-it"),
                "junction.ingest.hot-table", name("HOT_TABLE", "METRICS.POINTS_IT"),
                "junction.ingest.cold-datasource", name("COLD_DATASOURCE", "points_it"),
                "junction.ingest.table", name("TABLE", "metrics.points_it"));
    }

    private static String name(String variable, String testDefault) {
        String chosen = System.getenv("JUNCTION_INGEST_" + variable);
        return chosen == null || chosen.isBlank() ? testDefault : chosen;
    }
}
