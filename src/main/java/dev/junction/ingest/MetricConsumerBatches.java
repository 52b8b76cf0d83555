package dev.junction.ingest;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pulsar.client.api.BatchReceivePolicy;
import org.apache.pulsar.client.api.ConsumerBuilder;
import org.eclipse.microprofile.config.Config;

import java.util.concurrent.TimeUnit;

/**
 * The consumer's batch size: at most {@code junction.ingest.batch-max-messages} messages, or what arrived within
 * {@code junction.ingest.batch-timeout}, per batch (one hot-store write each). SmallRye has no setting for Pulsar's
 * batch receive policy; it applies customizers like this one to the channel's consumer builder.
 */
@ApplicationScoped
public class MetricConsumerBatches implements ClientCustomizer<ConsumerBuilder<?>> {
    private final IngestConfig config;

    public MetricConsumerBatches(IngestConfig config) {
        this.config = config;
    }

    @Override
    public ConsumerBuilder<?> customize(String channel, Config channelConfig, ConsumerBuilder<?> builder) {
        if (!MetricConsumer.CHANNEL.equals(channel)) {
            return builder;
        }
        return builder.batchReceivePolicy(policy(config));
    }

    /** The batch receive policy of the settings; the standby consumer's too. */
    static BatchReceivePolicy policy(IngestConfig config) {
        return BatchReceivePolicy.builder()
                .maxNumMessages(config.batchMaxMessages())
                .maxNumBytes(-1)
                .timeout((int) config.batchTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }
}
