package dev.junction.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shapes a payload of metric events may take, on the topic and in a REST request alike: one event object, a
 * JSON array of event objects, or {@code {"events": [...]}}. Arrays carry many events per Pulsar message, which is
 * what makes the topic fast; the single object is the seed format.
 */
public final class MetricPayload {
    private MetricPayload() {
    }

    /** The payload's items, in order (each still to be read); empty when the payload is none of the shapes. */
    public static Optional<List<JsonNode>> items(JsonNode payload) {
        if (payload == null) {
            return Optional.empty();
        }
        JsonNode array = payload.isObject() && payload.size() == 1 && payload.has("events")
                ? payload.get("events") : payload;
        if (array.isArray()) {
            List<JsonNode> items = new ArrayList<>(array.size());
            array.forEach(items::add);
            return Optional.of(items);
        }
        return payload.isObject() ? Optional.of(List.of(payload)) : Optional.empty();
    }
}
