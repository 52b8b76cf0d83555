package dev.junction.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes valid metric events to {@code junction.ingest.topic} for the consumer: as JSON arrays of at most
 * {@code junction.ingest.events-per-message} events, each event written out completely (id, tenant, timestamp), so
 * that the consumer reads exactly what REST accepted.
 */
@Singleton
public class MetricPublisher {
    private final IngestPulsar pulsar;
    private final IngestConfig config;

    public MetricPublisher(IngestPulsar pulsar, IngestConfig config) {
        this.pulsar = pulsar;
        this.config = config;
    }

    /**
     * Completes once Pulsar has stored every event; fails with ENGINE_UNAVAILABLE otherwise (some may have been
     * stored then: the client retries with the same ids, which the hot store keys rows by).
     */
    public CompletionStage<Void> publish(List<MetricEvent> events) {
        List<byte[]> messages = new ArrayList<>();
        for (int from = 0; from < events.size(); from += config.eventsPerMessage()) {
            ArrayNode message = JsonNodeFactory.instance.arrayNode();
            events.subList(from, Math.min(events.size(), from + config.eventsPerMessage()))
                    .forEach(event -> message.add(MetricEventWriter.write(event)));
            messages.add(message.toString().getBytes(StandardCharsets.UTF_8));
        }
        return messages.isEmpty() ? CompletableFuture.completedFuture(null) : pulsar.send(config.topic(), messages);
    }
}
