package dev.junction.cache;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The cache on, held by a throwaway Ignite node (client port 10900) that the test may kill and start again;
 * the engines, the stack's Ignite among them, answer the queries as usual. Reconnection is tried every second.
 */
public class ThrowawayIgniteProfile implements QuarkusTestProfile {
    /** The node of the running test, started before the gateway. */
    static final ThrowawayIgniteNode NODE = new ThrowawayIgniteNode();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("junction.cache.enabled", "true",
                "junction.cache.ignite-address", "127.0.0.1:" + ThrowawayIgniteNode.CLIENT_PORT,
                "junction.cache.retry-interval", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(NodeResource.class));
    }

    /** Starts the throwaway node before the gateway and kills it after the tests. */
    public static final class NodeResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            NODE.start();
            return Map.of();
        }

        @Override
        public void stop() {
            NODE.kill();
        }
    }
}
