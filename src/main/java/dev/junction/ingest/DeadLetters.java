package dev.junction.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The dead-letter topic ({@code junction.ingest.dead-letter-topic}): one JSON record per invalid event, with the
 * event as it arrived, every problem found and the error code (docs/metrics.md, "Dead letters"), so that nothing a
 * producer sent is lost even when it cannot be stored.
 */
@Singleton
public class DeadLetters {
    private final IngestPulsar pulsar;
    private final IngestConfig config;

    public DeadLetters(IngestPulsar pulsar, IngestConfig config) {
        this.pulsar = pulsar;
        this.config = config;
    }

    /**
     * One invalid event.
     *
     * @param messageId the Pulsar message it arrived in
     * @param index its position in that message's array (0 for a message of one event)
     * @param payload the event as it arrived: its JSON, or the message's text when it was not JSON at all
     */
    public record Letter(String messageId, int index, JsonNode payload, List<MetricEventReader.Problem> problems) {
        public Letter {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a dead letter needs a reason");
            }
        }
    }

    /** The record written for {@code letter}. */
    public ObjectNode record(Letter letter, Instant receivedAt) {
        ObjectNode record = JsonNodeFactory.instance.objectNode()
                .put("code", ErrorCode.INVALID_METRIC.name())
                .put("number", ErrorCode.INVALID_METRIC.number())
                .put("reason", new MetricEventReader.Invalid(letter.problems()).reason());
        var problems = record.putArray("problems");
        letter.problems().forEach(problem -> problems.addObject().put("field", problem.field())
                .put("message", problem.message()));
        record.put("topic", config.topic()).put("message_id", letter.messageId()).put("index", letter.index())
                .put("received_at", receivedAt.toString())
                .set("payload", letter.payload());
        return record;
    }

    /**
     * Sends the letters and waits until Pulsar has stored them all.
     *
     * @throws JunctionException ENGINE_UNAVAILABLE when it does not (the batch they came from is then not acknowledged)
     */
    public void send(List<Letter> letters, Instant receivedAt) {
        if (letters.isEmpty()) {
            return;
        }
        List<byte[]> records = new ArrayList<>(letters.size());
        letters.forEach(letter -> records.add(record(letter, receivedAt).toString().getBytes(StandardCharsets.UTF_8)));
        try {
            pulsar.send(config.deadLetterTopic(), records).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof JunctionException failure ? failure
                    : new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, "Dead letters were not stored", e);
        }
    }
}
