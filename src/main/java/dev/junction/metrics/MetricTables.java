package dev.junction.metrics;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.IngestConfig;
import dev.junction.sql.Column;
import dev.junction.sql.QueryCoordinator;
import dev.junction.sql.QueryMode;
import dev.junction.sql.SqlRequest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the tables the metric APIs read by name: the live hybrid table ({@code junction.ingest.table}, the default)
 * or any table of the catalog with the shape of metric points, a time column ({@code ts} or Druid's
 * {@code __time}), {@code name} and {@code value}. Its columns come from planning {@code SELECT *}, which reads
 * the catalog (cached) and runs nothing.
 */
@Singleton
public class MetricTables {
    /** Columns never offered to group or filter by: the value, and per-event identity. */
    private static final Set<String> NOT_DIMENSIONS = Set.of("value", "event_id", "tags", "window_ms");

    private final QueryCoordinator coordinator;
    private final String live;

    public MetricTables(QueryCoordinator coordinator, IngestConfig ingest) {
        this.coordinator = coordinator;
        this.live = ingest.table();
    }

    /** The live hybrid table's name, e.g. {@code metrics.points}. */
    public String live() {
        return live;
    }

    /** The live hybrid table. */
    public MetricTable live(Duration timeout) {
        return find(live, timeout);
    }

    /**
     * @param datasource a dotted catalog name: {@code metrics.points}, {@code druid.metrics}
     * @throws JunctionException TABLE_NOT_FOUND when there is no such table; INVALID_REQUEST when it is not a
     *     table of metric points
     */
    public MetricTable find(String datasource, Duration timeout) {
        List<String> path = Arrays.asList(datasource.split("\\."));
        MetricTable unchecked = new MetricTable(path, "ts", Set.of());
        List<Column> columns = columns(unchecked, timeout);
        Set<String> names = columns.stream().map(column -> column.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        String time = names.contains("ts") ? "ts" : names.contains("__time") ? "__time" : null;
        if (time == null || !names.contains("name") || !names.contains("value")) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "Table '" + datasource + "' is not a table of metric"
                    + " points: it needs a time column (ts or __time), name and value; it has " + names);
        }
        Set<String> dimensions = columns.stream()
                .filter(column -> column.type().startsWith("VARCHAR") || column.type().startsWith("CHAR"))
                .map(column -> column.name().toLowerCase(Locale.ROOT))
                .filter(name -> !NOT_DIMENSIONS.contains(name))
                .collect(Collectors.toSet());
        return new MetricTable(path, time, dimensions);
    }

    /** The table's columns, as {@code SELECT *} returns them. */
    public List<Column> columns(MetricTable table, Duration timeout) {
        SqlRequest request = new SqlRequest("SELECT * FROM " + table.sqlName(), List.of(), QueryMode.AUTO, timeout,
                1, true, false);
        return coordinator.plan(QueryCoordinator.newQueryId(), request).columns();
    }
}
