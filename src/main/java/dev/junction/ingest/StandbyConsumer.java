package dev.junction.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Messages;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The metrics consumer of a gateway that started while Pulsar did not answer. SmallRye's channel is off then (its
 * consumer is created during startup, and with no broker it blocks startup and then fails it; see
 * {@link IngestChannelConfigSourceFactory}), so this one subscribes in the background, again every
 * {@link #RETRY_EVERY} until Pulsar answers, and then consumes as the channel would: on {@link IngestPulsar}'s
 * client, with the channel's own settings (topic, subscription and its type and initial position, receiver queue,
 * redelivery delay, batch policy), each batch handled by {@link MetricConsumer#process} and acknowledged only once
 * stored. No restart is needed; the next start uses the channel again.
 */
@ApplicationScoped
public class StandbyConsumer {
    private static final Logger LOG = Logger.getLogger(StandbyConsumer.class);
    static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private static final String CHANNEL_SETTINGS = "mp.messaging.incoming." + MetricConsumer.CHANNEL + ".";

    private final IngestConfig config;
    private final Config channel;
    private final IngestPulsar pulsar;
    private final MetricConsumer metrics;
    private final HotStore store;
    private volatile boolean stopped;
    private volatile boolean consuming;
    private volatile Thread thread;

    public StandbyConsumer(IngestConfig config, Config channel, IngestPulsar pulsar, MetricConsumer metrics,
            HotStore store) {
        this.config = config;
        this.channel = channel;
        this.pulsar = pulsar;
        this.metrics = metrics;
        this.store = store;
    }

    void start(@Observes StartupEvent startup,
            @ConfigProperty(name = IngestChannelConfigSourceFactory.CHANNEL_ENABLED) Optional<Boolean> channel) {
        if (config.enabled() && !channel.orElse(false)) {
            thread = Thread.ofPlatform().daemon().name("junction-standby-consumer").start(this::run);
        }
    }

    /** Ends the consumer's wait for messages; the client is IngestPulsar's to close. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Whether this gateway runs the standby consumer (its channel is off) and it has subscribed. */
    public boolean consuming() {
        return consuming;
    }

    /** Whether this gateway runs the standby consumer: ingest is on and the channel off. */
    public boolean standing() {
        return thread != null;
    }

    private void run() {
        try (Consumer<byte[]> consumer = subscribe()) {
            if (consumer == null) {
                return;
            }
            store.connect();
            consuming = true;
            LOG.infof("Pulsar answers: the standby consumer reads %s (subscription %s)", config.topic(),
                    config.subscription());
            while (!stopped) {
                handle(consumer, consumer.batchReceive());
            }
        } catch (PulsarClientException e) {
            if (!stopped) {
                LOG.error("The standby metrics consumer stopped; the gateway's next start consumes again", e);
            }
        } finally {
            consuming = false;
        }
    }

    /** Subscribes, again every {@link #RETRY_EVERY} until Pulsar answers; null once the gateway stops. */
    private Consumer<byte[]> subscribe() {
        boolean logged = false;
        while (!stopped) {
            try {
                return pulsar.client().newConsumer(Schema.BYTES)
                        .topic(config.topic())
                        .subscriptionName(config.subscription())
                        .subscriptionType(SubscriptionType.valueOf(setting("subscriptionType")))
                        .subscriptionInitialPosition(SubscriptionInitialPosition.valueOf(
                                setting("subscriptionInitialPosition")))
                        .receiverQueueSize(Integer.parseInt(setting("receiverQueueSize")))
                        .negativeAckRedeliveryDelay(Long.parseLong(setting("negativeAckRedeliveryDelayMicros")),
                                TimeUnit.MICROSECONDS)
                        .batchReceivePolicy(MetricConsumerBatches.policy(config))
                        .consumerName(MetricConsumer.CHANNEL + "-standby")
                        .subscribe();
            } catch (PulsarClientException e) {
                if (!logged) {
                    LOG.warnf("Pulsar at %s does not answer (%s); the metrics consumer subscribes as soon as it does",
                            config.pulsarUrl(), e.getMessage());
                    logged = true;
                }
                try {
                    Thread.sleep(RETRY_EVERY.toMillis());
                } catch (InterruptedException interrupted) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A setting of the SmallRye channel (application.properties), which this consumer stands in for. */
    private String setting(String name) {
        return channel.getValue(CHANNEL_SETTINGS + name, String.class);
    }

    private void handle(Consumer<byte[]> consumer, Messages<byte[]> batch) throws PulsarClientException {
        if (batch.size() == 0) {
            return;
        }
        List<String> ids = new ArrayList<>(batch.size());
        List<byte[]> payloads = new ArrayList<>(batch.size());
        for (Message<byte[]> message : batch) {
            ids.add(message.getMessageId().toString());
            payloads.add(message.getValue());
        }
        if (metrics.process(ids, payloads).isEmpty()) {
            consumer.acknowledge(batch);
        } else {
            consumer.negativeAcknowledge(batch);
        }
    }
}
