package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Druid {@code index_parallel} tasks of handoffs: each replaces exactly one chunk's interval
 * ({@code appendToExisting=false, dropExisting=true}) with one segment granularity equal to the chunk, or, for the
 * rest of a chunk after a watermark an earlier, shorter chunk length left (docs/metrics.md, "Changing the chunk
 * length"), the longest granularity both ends of the interval are boundaries of: a segment of the chunk's
 * granularity would cover, and hide, the earlier handoffs' segments before the watermark.
 *
 * @param datasource the cold datasource ({@code junction.ingest.cold-datasource})
 * @param stagingDatasource where a late handoff stages its rows before combining them with the chunk's
 * @param tagColumns the common tags' columns, lower case
 * @param chunk the chunk length ({@code junction.ingest.chunk}), one of Druid's segment granularities
 */
record DruidTaskSpecs(String datasource, String stagingDatasource, List<String> tagColumns, Duration chunk) {
    /** The chunk lengths Druid has a segment granularity for. */
    private static final Map<Duration, String> GRANULARITIES = Map.ofEntries(
            Map.entry(Duration.ofSeconds(1), "SECOND"), Map.entry(Duration.ofMinutes(1), "MINUTE"),
            Map.entry(Duration.ofMinutes(5), "FIVE_MINUTE"), Map.entry(Duration.ofMinutes(10), "TEN_MINUTE"),
            Map.entry(Duration.ofMinutes(15), "FIFTEEN_MINUTE"), Map.entry(Duration.ofMinutes(30), "THIRTY_MINUTE"),
            Map.entry(Duration.ofHours(1), "HOUR"), Map.entry(Duration.ofHours(6), "SIX_HOUR"),
            Map.entry(Duration.ofHours(8), "EIGHT_HOUR"), Map.entry(Duration.ofDays(1), "DAY"));

    DruidTaskSpecs {
        tagColumns = tagColumns.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList();
        granularity(chunk);
    }

    /**
     * Druid's segment granularity for a chunk of this length.
     *
     * @throws JunctionException INVALID_CONFIGURATION for a length Druid has no granularity for
     */
    static String granularity(Duration chunk) {
        String name = GRANULARITIES.get(chunk);
        if (name == null) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.chunk=" + chunk
                    + " is no Druid segment granularity; use one of 1s, 1m, 5m, 10m, 15m, 30m, 1h, 6h, 8h, 1d");
        }
        return name;
    }

    /**
     * The segment granularity of a task replacing {@code [start, end)}: the chunk's when both are chunk boundaries,
     * else the longest shorter one both are boundaries of.
     */
    String granularity(Instant start, Instant end) {
        return GRANULARITIES.entrySet().stream()
                .filter(entry -> entry.getKey().compareTo(chunk) <= 0 && boundary(start, entry.getKey())
                        && boundary(end, entry.getKey()))
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .orElseThrow(() -> new JunctionException(ErrorCode.INVALID_CONFIGURATION, "The handoff interval "
                        + start + "/" + end + " is on no boundary of a Druid segment granularity"));
    }

    private static boolean boundary(Instant time, Duration granularity) {
        return Math.floorMod(time.toEpochMilli(), granularity.toMillis()) == 0;
    }

    /**
     * A task replacing {@code [start, end)} of {@code target} with the rows of the newline-delimited JSON files at
     * {@code uris} (a handoff's {@link HandoffFiles}), read by Druid's {@code http} input source in one sub-task.
     */
    ObjectNode http(String target, Instant start, Instant end, List<String> uris) {
        ObjectNode source = object().put("type", "http");
        ArrayNode list = source.putArray("uris");
        uris.forEach(list::add);
        ObjectNode io = object().put("type", "index_parallel");
        io.set("inputSource", source);
        io.set("inputFormat", object().put("type", "json"));
        return task(target, start, end, io, 1);
    }

    /**
     * A task replacing {@code [start, end)} of the datasource with its own rows of handoffs up to {@code keptSeq}
     * (their {@code handoff_seq} unchanged) and the staged rows of handoff {@code seq}. The late rows pass
     * through the staging datasource because the inline input of earlier versions could not be a {@code combining}
     * delegate; the {@code http} files could be, which would save the staging task (not done yet).
     */
    ObjectNode combining(Instant start, Instant end, long keptSeq, long seq) {
        ArrayNode delegates = JsonNodeFactory.instance.arrayNode();
        delegates.add(druid(datasource, start, end, object().put("type", "range").put("column", "handoff_seq")
                .put("matchValueType", "LONG").put("upper", keptSeq)));
        delegates.add(druid(stagingDatasource, start, end, object().put("type", "equals").put("column", "handoff_seq")
                .put("matchValueType", "LONG").put("matchValue", seq)));
        ObjectNode source = object().put("type", "combining");
        source.set("delegates", delegates);
        ObjectNode io = object().put("type", "index_parallel");
        io.set("inputSource", source);
        // Druid reads druid delegates of a combining source only in parallel mode (two or more sub-tasks).
        return task(datasource, start, end, io, 2);
    }

    private ObjectNode druid(String from, Instant start, Instant end, ObjectNode filter) {
        ObjectNode source = object().put("type", "druid").put("dataSource", from).put("interval", start + "/" + end);
        source.set("filter", filter);
        return source;
    }

    private ObjectNode task(String target, Instant start, Instant end, ObjectNode io, int subTasks) {
        io.put("appendToExisting", false).put("dropExisting", true);
        ObjectNode schema = object().put("dataSource", target);
        schema.set("timestampSpec", object().put("column", "__time").put("format", "millis"));
        ObjectNode dimensions = object();
        dimensions.set("dimensions", dimensions());
        schema.set("dimensionsSpec", dimensions);
        schema.set("metricsSpec", JsonNodeFactory.instance.arrayNode());
        ObjectNode granularity = object().put("type", "uniform").put("segmentGranularity", granularity(start, end))
                .put("queryGranularity", "NONE").put("rollup", false);
        granularity.set("intervals", JsonNodeFactory.instance.arrayNode().add(start + "/" + end));
        schema.set("granularitySpec", granularity);
        ObjectNode tuning = object().put("type", "index_parallel").put("maxNumConcurrentSubTasks", subTasks);
        tuning.set("partitionsSpec", object().put("type", "dynamic"));
        ObjectNode spec = object();
        spec.set("dataSchema", schema);
        spec.set("ioConfig", io);
        spec.set("tuningConfig", tuning);
        ObjectNode task = object().put("type", "index_parallel");
        task.set("spec", spec);
        return task;
    }

    private ArrayNode dimensions() {
        ArrayNode dimensions = JsonNodeFactory.instance.arrayNode();
        dimensions.add("tenant").add("name").add("type");
        dimensions.add(object().put("type", "double").put("name", "value"));
        tagColumns.forEach(dimensions::add);
        dimensions.add("tags");
        dimensions.add(object().put("type", "long").put("name", "window_ms"));
        dimensions.add("event_id");
        dimensions.add(object().put("type", "long").put("name", "handoff_seq"));
        return dimensions;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
