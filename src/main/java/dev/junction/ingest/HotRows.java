package dev.junction.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.apache.ignite.IgniteBinary;

import java.sql.Timestamp;
import java.util.Locale;
import java.util.Map;

/**
 * Turns metric events into rows of the hot table (docs/metrics.md, "Rows") as Ignite binary objects of the table's
 * value type, whose field names are the SQL columns: rows written through the cache API are rows SQL reads.
 */
final class HotRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HotTable table;

    HotRows(HotTable table) {
        this.table = table;
    }

    /**
     * The row of {@code event}; {@code late} for an event that arrived after its chunk closed, with {@code lateSeq}
     * null or {@link HotTable#UNVERIFIED}.
     */
    BinaryObject row(IgniteBinary binary, MetricEvent event, boolean late, Long lateSeq) {
        BinaryObjectBuilder row = binary.builder(table.valueType())
                .setField(HotTable.TENANT, event.tenant(), String.class)
                .setField(HotTable.TS, Timestamp.from(event.timestamp()), Timestamp.class)
                .setField(HotTable.NAME, event.name(), String.class)
                .setField(HotTable.TYPE, event.type().externalName(), String.class)
                .setField(HotTable.VAL, event.value(), Double.class);
        ObjectNode otherTags = JSON.createObjectNode();
        for (String column : table.tagColumns()) {
            row.setField(column, null, String.class);
        }
        for (Map.Entry<String, String> tag : event.tags().entrySet()) {
            String column = tag.getKey().toUpperCase(Locale.ROOT);
            if (table.tagColumns().contains(column) && tag.getKey().equals(tag.getKey().toLowerCase(Locale.ROOT))) {
                row.setField(column, tag.getValue(), String.class);
            } else {
                otherTags.put(tag.getKey(), tag.getValue());
            }
        }
        return row.setField(HotTable.TAGS, otherTags.toString(), String.class)
                .setField(HotTable.WINDOW_MS, event.window().map(window -> window.toMillis()).orElse(null), Long.class)
                .setField(HotTable.LATE, late, Boolean.class)
                .setField(HotTable.LATE_SEQ, lateSeq, Long.class)
                .build();
    }
}
