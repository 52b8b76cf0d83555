package dev.junction.api.health;

import dev.junction.cache.CacheConfig;
import dev.junction.cache.IgniteCacheStore;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The result cache in /health (and /health/well): up while its Ignite answers; down, with state DEGRADED,
 * while queries bypass it and answer from the engines. A wellness check: the gateway still serves every query.
 */
@Wellness
@ApplicationScoped
public class CacheHealthCheck implements HealthCheck {
    private final IgniteCacheStore store;
    private final CacheConfig config;

    public CacheHealthCheck(IgniteCacheStore store, CacheConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cache").withData("ignite", store.address());
        if (!config.enabled()) {
            return response.up().withData("state", "DISABLED").build();
        }
        if (store.up()) {
            return response.up().withData("state", "UP").build();
        }
        response.down().withData("state", "DEGRADED")
                .withData("effect", "queries answer from the engines; the result cache is bypassed");
        store.problem().ifPresent(problem -> response.withData("error", problem));
        store.downSince().ifPresent(since -> response.withData("down_since", since.toString()));
        return response.build();
    }
}
