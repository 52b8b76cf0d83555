package dev.junction.ingest;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's own Pulsar client and producers (the consumer is SmallRye's, or {@link StandbyConsumer}'s on this
 * client): one producer per topic, to the metrics topic for REST and to the dead-letter topic for the consumer, with
 * batching on. They are created on first use, so that the gateway starts without Pulsar; one that cannot be created
 * fails the request it was created for (and is tried again by the next).
 */
@Singleton
public class IngestPulsar {
    private final String url;
    private final Duration timeout;
    private final Map<String, Producer<byte[]>> producers = new ConcurrentHashMap<>();
    private volatile PulsarClient client;

    @Inject
    public IngestPulsar(IngestConfig config) {
        this(config.pulsarUrl(), config.publishTimeout());
    }

    IngestPulsar(String url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    /**
     * The producer of {@code topic}, connected.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when Pulsar does not answer
     */
    Producer<byte[]> producer(String topic) {
        Producer<byte[]> producer = producers.get(topic);
        if (producer != null) {
            if (!producer.isConnected()) {
                // It reconnects on its own; until then a request fails at once instead of waiting for the send timeout.
                throw unavailable(topic, "not connected", null);
            }
            return producer;
        }
        return create(topic);
    }

    /**
     * Sends the messages to {@code topic}; completes once Pulsar has stored them all, or fails with ENGINE_UNAVAILABLE
     * (some may have been stored then: whatever is sent again is keyed by the same event ids).
     */
    public CompletableFuture<Void> send(String topic, List<byte[]> messages) {
        Producer<byte[]> producer;
        try {
            producer = producer(topic);
        } catch (JunctionException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(messages.size());
        messages.forEach(message -> sends.add(producer.sendAsync(message)));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    return CompletableFuture.failedFuture(unavailable(topic, cause instanceof TimeoutException
                            ? "no answer within " + timeout.toMillis() + " ms" : String.valueOf(cause.getMessage()), cause));
                });
    }

    private synchronized Producer<byte[]> create(String topic) {
        Producer<byte[]> existing = producers.get(topic);
        if (existing != null) {
            return existing;
        }
        try {
            Producer<byte[]> producer = client().newProducer()
                    .topic(topic)
                    .enableBatching(true)
                    .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS)
                    .batchingMaxMessages(1000)
                    .compressionType(CompressionType.LZ4)
                    .blockIfQueueFull(true)
                    .sendTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .createAsync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            producers.put(topic, producer);
            return producer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(topic, "interrupted", e);
        } catch (ExecutionException | TimeoutException | PulsarClientException e) {
            throw unavailable(topic, e instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                    : String.valueOf((e.getCause() == null ? e : e.getCause()).getMessage()), e);
        }
    }

    /** The client, built on first use (building it does not connect yet). */
    synchronized PulsarClient client() throws PulsarClientException {
        if (client == null) {
            client = PulsarClient.builder().serviceUrl(url)
                    .connectionTimeout((int) Math.min(timeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)
                    .operationTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                    // Producer statistics need sketches-core 0.8; Calcite brings 0.9, where they fail (NoSuchMethodError).
                    .statsInterval(0, TimeUnit.SECONDS)
                    // Reconnects back off up to 5 s, not the client's 60 s: after a long outage the gateway takes
                    // events again within seconds of Pulsar's return (PulsarRestartedMidLoadIT measured 9-16 s).
                    .maxBackoffInterval(5, TimeUnit.SECONDS)
                    .build();
        }
        return client;
    }

    private JunctionException unavailable(String topic, String why, Throwable cause) {
        return new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                "Pulsar at " + url + " did not store the messages for topic '" + topic + "': " + why, cause);
    }

    @PreDestroy
    void close() {
        producers.values().forEach(producer -> producer.closeAsync());
        if (client != null) {
            client.closeAsync();
        }
    }
}
