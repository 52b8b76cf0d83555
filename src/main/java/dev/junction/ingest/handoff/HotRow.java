package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the hot table as a handoff reads it (docs/metrics.md, "Rows"), and as Druid ingests it: the same
 * columns in lower case, {@code __time} for {@code TS}, {@code value} for {@code VAL}, plus {@code handoff_seq}.
 *
 * @param tagColumns the common tags' columns (upper case, as in Ignite) to their values; absent when null
 */
record HotRow(String eventId, String tenant, String name, String type, long timeMillis, double value,
        Map<String, String> tagColumns, String tags, Long windowMs) {
    HotRow {
        Objects.requireNonNull(eventId, "eventId");
        tagColumns = Map.copyOf(tagColumns);
    }

    /** The row as one line of a handoff file (Druid's JSON input), carried by handoff {@code seq}. */
    ObjectNode toDruid(long seq) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("__time", timeMillis);
        row.put("tenant", tenant);
        row.put("name", name);
        row.put("type", type);
        row.put("value", value);
        tagColumns.forEach((column, tagValue) -> row.put(column.toLowerCase(Locale.ROOT), tagValue));
        row.put("tags", tags == null ? "{}" : tags);
        if (windowMs != null) {
            row.put("window_ms", windowMs);
        }
        row.put("event_id", eventId);
        row.put("handoff_seq", seq);
        return row;
    }
}
