package dev.junction.stack;

import dev.junction.connector.ConnectorRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Produces to and consumes from the real Pulsar broker of the stack, at the configured connector's URL. */
@QuarkusTest
class PulsarRoundTripIT {
    @Inject
    ConnectorRegistry connectors;

    @Test
    void producedMessagesAreConsumedInOrder() throws Exception {
        String url = connectors.get("pulsar").definition().url();
        String topic = "persistent://public/default/junction-round-trip-" + UUID.randomUUID();
        // Statistics off: they need sketches-core 0.8, and the gateway's classpath has Calcite's 0.9.
        try (PulsarClient client = PulsarClient.builder().serviceUrl(url).statsInterval(0, TimeUnit.SECONDS).build();
             Consumer<String> consumer = client.newConsumer(Schema.STRING).topic(topic)
                     .subscriptionName("round-trip")
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                     .subscribe();
             Producer<String> producer = client.newProducer(Schema.STRING).topic(topic).create()) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String value = "{\"name\":\"api.requests.count\",\"type\":\"count\",\"value\":" + i + "}";
                producer.send(value);
                sent.add(value);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Message<String> message = consumer.receive(30, TimeUnit.SECONDS);
                assertThat(message).as("message %d of %d within 30 s", i + 1, sent.size()).isNotNull();
                received.add(message.getValue());
                consumer.acknowledge(message);
            }
            assertThat(received).containsExactlyElementsOf(sent);
        }
    }
}
