package dev.junction.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a valid metric event back in the seed format with everything the gateway decided made explicit (its id,
 * tenant and timestamp), so that reading it again on the consumer side gives the same event however late it is read.
 */
public final class MetricEventWriter {
    private MetricEventWriter() {
    }

    public static ObjectNode write(MetricEvent event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("id", event.id())
                .put("tenant", event.tenant())
                .put("name", event.name())
                .put("type", event.type().externalName())
                .put("value", event.value())
                .put("timestamp", event.timestamp().toString());
        ObjectNode tags = node.putObject("tags");
        event.tags().forEach(tags::put);
        event.window().ifPresent(window -> node.put("window", window.toMillis() + "ms"));
        return node;
    }
}
