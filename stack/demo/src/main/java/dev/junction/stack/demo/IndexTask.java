package dev.junction.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Druid native batch task (index_parallel) that replaces one interval of a datasource with the rows of
 * newline-delimited JSON files: no rollup, so every input row is one Druid row.
 */
final class IndexTask {
    private final String datasource;
    private final String timestampColumn;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private String segmentGranularity = "DAY";

    IndexTask(String datasource, String timestampColumn) {
        this.datasource = datasource;
        this.timestampColumn = timestampColumn;
    }

    /** Adds a column: type string, long or double. */
    IndexTask dimension(String name, String type) {
        dimensions.put(name, type);
        return this;
    }

    IndexTask segmentGranularity(String granularity) {
        this.segmentGranularity = granularity;
        return this;
    }

    /** The task reading {@code file} and replacing {@code interval} (ISO "start/end"). */
    JsonNode spec(Path file, String interval) {
        ObjectNode task = DruidClient.JSON.createObjectNode().put("type", "index_parallel");
        ObjectNode spec = task.putObject("spec");
        ObjectNode schema = spec.putObject("dataSchema").put("dataSource", datasource);
        schema.putObject("timestampSpec").put("column", timestampColumn).put("format", "auto");
        ArrayNode columns = schema.putObject("dimensionsSpec").putArray("dimensions");
        dimensions.forEach((name, type) -> columns.addObject().put("type", type).put("name", name));
        schema.putArray("metricsSpec");
        schema.putObject("granularitySpec").put("type", "uniform").put("segmentGranularity", segmentGranularity)
                .put("queryGranularity", "NONE").put("rollup", false).putArray("intervals").add(interval);
        ObjectNode io = spec.putObject("ioConfig").put("type", "index_parallel");
        io.putObject("inputSource").put("type", "local").put("baseDir", file.getParent().toString())
                .put("filter", file.getFileName().toString());
        io.putObject("inputFormat").put("type", "json");
        io.put("appendToExisting", false).put("dropExisting", true);
        ObjectNode tuning = spec.putObject("tuningConfig").put("type", "index_parallel").put("maxNumConcurrentSubTasks", 1);
        tuning.putObject("partitionsSpec").put("type", "dynamic");
        return task;
    }
}
