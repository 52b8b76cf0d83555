package dev.junction.sql;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Ingest on (the hybrid table exists only then) with names of its own, so that HybridTableIT's fixture rows and
 * handoff state meet no other test's events: its own topic, hot table, Druid datasource and hybrid table.
 */
public class HybridTableProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("junction.ingest.enabled", "true", "junction.cache.enabled", "true",
                "quarkus.flyway.\"postgresql\".ignore-migration-patterns", "*:future",
                "junction.ingest.topic", "metrics-hybrid-it",
                "junction.ingest.dead-letter-topic", "metrics-dlq-hybrid-it",
                "junction.ingest.subscription", "junction-hybrid-it",
                "junction.ingest.hot-table", "METRICS.POINTS_HYBRID_IT",
                "junction.ingest.cold-datasource", "points_hybrid_it",
                "junction.ingest.table", "metrics.points_hybrid_it");
    }
}
