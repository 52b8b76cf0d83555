package dev.junction.cache;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The cache on, over the stack's Ignite (10800), Druid and Trino, with the connector files of
 * src/test/resources/connectors-cache (Ignite's declares the refresh key of the test table), a 1 s refresh
 * interval and a 2 s TTL for the realtime class.
 */
public class CacheEnabledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("junction.cache.enabled", "true",
                "junction.connectors.dir", "src/test/resources/connectors-cache",
                "junction.cache.refresh-interval", "1s",
                "junction.cache.ttl.realtime", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IgniteTestTable.class));
    }
}
