package dev.junction.api.health;

import dev.junction.config.GatewayConfig;
import dev.junction.connector.ConnectorRegistry;
import dev.junction.spi.Connector;
import dev.junction.spi.EngineHealth;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Registers one check per connector in /health (and /health/well): up or down, version, round-trip time. They are
 * wellness checks, not readiness checks: a gateway whose Trino is down still answers every query that does not
 * need Trino, so an engine that does not answer must not take the gateway out of its load balancer.
 */
@ApplicationScoped
public class EngineHealthChecks {
    private final ConnectorRegistry connectors;
    private final GatewayConfig config;
    private final HealthRegistry engines;

    public EngineHealthChecks(ConnectorRegistry connectors, GatewayConfig config, @Wellness HealthRegistry engines) {
        this.connectors = connectors;
        this.config = config;
        this.engines = engines;
    }

    void register(@Observes StartupEvent startup) {
        for (Connector connector : connectors.all()) {
            String name = "engine:" + connector.definition().name();
            // Asynchronous checks run concurrently, so /health takes as long as the slowest engine, not the sum.
            engines.register(name, () -> Uni.createFrom().item(() -> check(name, connector))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
    }

    private HealthCheckResponse check(String name, Connector connector) {
        EngineHealth health = connector.probe(config.health().timeout());
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name)
                .status(health.up())
                .withData("type", connector.definition().type())
                .withData("roles", connector.definition().roles().stream()
                        .map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(",")))
                .withData("round_trip_ms", health.roundTripMillis());
        health.version().ifPresent(version -> response.withData("version", version));
        health.problem().ifPresent(problem -> response.withData("error", problem));
        return response.build();
    }
}
