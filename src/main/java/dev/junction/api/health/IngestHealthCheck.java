package dev.junction.api.health;

import dev.junction.ingest.HotStore;
import dev.junction.ingest.IngestChannelConfigSourceFactory;
import dev.junction.ingest.IngestConfig;
import dev.junction.ingest.IngestMetrics;
import dev.junction.ingest.StandbyConsumer;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Optional;

/**
 * The metrics consumer in /health (and /health/well): DISABLED when this gateway does not consume
 * ({@code junction.ingest.enabled=false}); NOT_CONSUMING while Pulsar has not answered since startup (the standby
 * consumer subscribes as soon as it does); DEGRADED while its
 * latest batch failed (the hot store is down: batches come again until it answers); RUNNING otherwise. A wellness
 * check: queries are served either way, and REST ingest only needs Pulsar.
 */
@Wellness
@ApplicationScoped
public class IngestHealthCheck implements HealthCheck {
    private final IngestConfig config;
    private final HotStore store;
    private final IngestMetrics metrics;
    private final boolean consuming;
    private final StandbyConsumer standby;

    public IngestHealthCheck(IngestConfig config, HotStore store, IngestMetrics metrics,
            @ConfigProperty(name = IngestChannelConfigSourceFactory.CHANNEL_ENABLED) Optional<Boolean> consuming,
            StandbyConsumer standby) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.consuming = consuming.orElse(false);
        this.standby = standby;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ingest")
                .withData("topic", config.topic())
                .withData("subscription", config.subscription())
                .withData("hot_table", config.hotTable())
                .withData("ignite", store.address());
        if (!config.enabled()) {
            return response.up().withData("state", "DISABLED").build();
        }
        if (!consuming && !standby.consuming()) {
            return response.down().withData("state", "NOT_CONSUMING")
                    .withData("error", "Pulsar at " + config.pulsarUrl() + " has not answered since the gateway"
                            + " started; the consumer subscribes as soon as it does (REST publishes once it does)")
                    .build();
        }
        response.withData("consumer", consuming ? "channel" : "standby");
        response.withData("events_written", metrics.eventsWritten())
                .withData("events_dead_lettered", metrics.eventsDeadLettered());
        metrics.lastBatch().ifPresent(at -> response.withData("last_batch", at.toString()));
        Optional<IngestMetrics.Failure> failure = metrics.lastFailure()
                .filter(last -> metrics.lastBatch().map(batch -> batch.isBefore(last.at())).orElse(true));
        if (failure.isPresent()) {
            return response.down().withData("state", "DEGRADED").withData("error", failure.get().reason())
                    .withData("failing_since", failure.get().at().toString())
                    .withData("effect", "batches are not acknowledged and come again until the hot store takes them")
                    .build();
        }
        store.problem().ifPresent(problem -> response.withData("hot_store", problem));
        return response.up().withData("state", "RUNNING").build();
    }
}
