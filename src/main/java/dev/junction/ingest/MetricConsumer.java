package dev.junction.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.error.JunctionException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.pulsar.PulsarConnector;
import io.smallrye.reactive.messaging.pulsar.PulsarIncomingBatchMessageMetadata;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.pulsar.client.api.PulsarClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code junction.ingest.topic} in batches (the SmallRye Pulsar channel {@value #CHANNEL}, configured in
 * application.properties from {@code junction.ingest.*}): every message's events are read; invalid ones go to the
 * dead-letter topic, valid ones to the hot store; only then is the batch acknowledged. A batch that fails is
 * negatively acknowledged and delivered again, so an event is written at least once and, keyed by its id, stored
 * once.
 */
@ApplicationScoped
public class MetricConsumer {
    /** The SmallRye channel; its topic and subscription are {@code junction.ingest.topic} and {@code .subscription}. */
    public static final String CHANNEL = "junction-metrics";
    private static final Logger LOG = Logger.getLogger(MetricConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often failed batches are logged while they keep failing. */
    private static final Duration FAILURE_LOG_EVERY = Duration.ofSeconds(5);

    private final MetricEventReader reader;
    private final HotStore store;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private long failureLoggedAtNanos = System.nanoTime() - FAILURE_LOG_EVERY.toNanos();
    private long failedSinceLog;
    private long eventsFailedSinceLog;

    public MetricConsumer(IngestConfig config, HotStore store, DeadLetters deadLetters, IngestMetrics metrics) {
        this.reader = new MetricEventReader(MetricLimits.of(config));
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** The events of one batch: valid ones to store, invalid ones to send to the dead-letter topic. */
    record Sorted(List<MetricEvent> valid, List<DeadLetters.Letter> invalid) {
    }

    /** Connects the hot store (and creates its table) in the background when this gateway consumes. */
    void start(@Observes StartupEvent startup,
            @ConfigProperty(name = IngestChannelConfigSourceFactory.CHANNEL_ENABLED) Optional<Boolean> consuming) {
        if (consuming.orElse(false)) {
            Infrastructure.getDefaultWorkerPool().execute(store::connect);
        }
    }

    /**
     * Closes the channel's Pulsar client while Vert.x still runs: closed later by SmallRye (after Vert.x stopped),
     * its DNS resolver fails to close and the close never completes, which hangs the gateway's shutdown (a known
     * Pulsar client bug, apache/pulsar#26045). SmallRye's own close then finds it closed.
     */
    void stop(@Observes ShutdownEvent shutdown, @Any Instance<PulsarConnector> connectors) {
        for (PulsarConnector connector : connectors) {
            PulsarClient client = connector.getClient(CHANNEL);
            if (client != null) {
                client.closeAsync().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> {
                    LOG.debugf("Closing the metrics consumer's Pulsar client: %s", failure.getMessage());
                    return null;
                }).join();
            }
        }
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<List<byte[]>> batch) {
        List<String> ids = batch.getMetadata(PulsarIncomingBatchMessageMetadata.class)
                .map(metadata -> {
                    List<String> messageIds = new ArrayList<>();
                    metadata.<byte[]>getMessages().forEach(message -> messageIds.add(message.getMessageId().toString()));
                    return messageIds;
                }).orElse(List.of());
        // Writing blocks (Ignite, Pulsar): off the event loop, one batch at a time.
        return Uni.createFrom().item(() -> process(ids, batch.getPayload()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(failure -> Uni.createFrom().completionStage(failure.isEmpty() ? batch.ack()
                        : batch.nack(failure.get())));
    }

    /**
     * Handles a batch of messages (their Pulsar ids, for dead letters, and payloads); returns the failure that keeps
     * it from being acknowledged, if any. The channel's batches and the standby consumer's come here alike.
     */
    Optional<Throwable> process(List<String> ids, List<byte[]> payloads) {
        Instant now = Instant.now();
        Sorted sorted = sort(ids, payloads, now);
        try {
            deadLetters.send(sorted.invalid(), now);
            long start = System.nanoTime();
            HotStore.Written written = store.write(sorted.valid());
            metrics.batchDone(written, sorted.invalid().size(), Duration.ofNanos(System.nanoTime() - start));
            return Optional.empty();
        } catch (JunctionException e) {
            failed(sorted.valid().size() + sorted.invalid().size(), e.getMessage());
            metrics.batchFailed(e.getMessage());
            return Optional.of(e);
        } catch (RuntimeException e) {
            // Unexpected (a bug or a client library's own exception): the batch comes again; the channel must go on,
            // a failure escaping here would end it.
            LOG.error("Metric batch failed unexpectedly; it will come again", e);
            metrics.batchFailed(String.valueOf(e.getMessage()));
            return Optional.of(e);
        }
    }

    /**
     * Logs failed batches, at most one line every {@link #FAILURE_LOG_EVERY} with how many failed since the last line
     * (a store that stays down fails every batch that comes again, many a second).
     */
    private synchronized void failed(int events, String reason) {
        long now = System.nanoTime();
        failedSinceLog++;
        eventsFailedSinceLog += events;
        if (now - failureLoggedAtNanos < FAILURE_LOG_EVERY.toNanos()) {
            return;
        }
        LOG.warnf("%d metric batches (%d events) not acknowledged, they will come again: %s", failedSinceLog,
                eventsFailedSinceLog, reason);
        failureLoggedAtNanos = now;
        failedSinceLog = 0;
        eventsFailedSinceLog = 0;
    }

    Sorted sort(List<String> ids, List<byte[]> payloads, Instant now) {
        List<MetricEvent> valid = new ArrayList<>();
        List<DeadLetters.Letter> invalid = new ArrayList<>();
        for (int m = 0; m < payloads.size(); m++) {
            sortMessage(ids.size() == payloads.size() ? ids.get(m) : "", payloads.get(m), now, valid, invalid);
        }
        return new Sorted(valid, invalid);
    }

    private void sortMessage(String messageId, byte[] payload, Instant now, List<MetricEvent> valid,
            List<DeadLetters.Letter> invalid) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            invalid.add(new DeadLetters.Letter(messageId, 0, text(payload), List.of(new MetricEventReader.Problem(
                    "payload", "is not JSON: " + e.getOriginalMessage()))));
            return;
        } catch (IOException e) {
            invalid.add(new DeadLetters.Letter(messageId, 0, text(payload), List.of(new MetricEventReader.Problem(
                    "payload", "cannot be read: " + e.getMessage()))));
            return;
        }
        Optional<List<JsonNode>> items = MetricPayload.items(json);
        if (items.isEmpty()) {
            invalid.add(new DeadLetters.Letter(messageId, 0, json == null ? text(payload) : json,
                    List.of(new MetricEventReader.Problem("payload", "must be an event object, an array of them or"
                            + " {\"events\": [...]}"))));
            return;
        }
        for (int i = 0; i < items.get().size(); i++) {
            JsonNode item = items.get().get(i);
            switch (reader.read(item, now)) {
                case MetricEventReader.Valid(MetricEvent event) -> valid.add(event);
                case MetricEventReader.Invalid problems ->
                        invalid.add(new DeadLetters.Letter(messageId, i, item, problems.problems()));
            }
        }
    }

    private static JsonNode text(byte[] payload) {
        return TextNode.valueOf(new String(payload, StandardCharsets.UTF_8));
    }
}
