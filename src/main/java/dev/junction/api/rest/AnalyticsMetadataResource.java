package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.config.GatewayConfig;
import dev.junction.metrics.CurrentValues;
import dev.junction.metrics.MetricQueries;
import dev.junction.metrics.MetricTable;
import dev.junction.metrics.MetricTables;
import dev.junction.sql.Column;
import dev.junction.sql.QueryMode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/analytics/metadata/{datasource}}: what a table of metric points holds: its columns, the
 * dimensions to group and filter by, its time range and row count, and each metric's type, rows and time range.
 */
@Path("/api/v1/analytics/metadata")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsMetadataResource {
    private final MetricTables tables;
    private final MetricQueries queries;
    private final Duration timeout;

    public AnalyticsMetadataResource(MetricTables tables, MetricQueries queries, GatewayConfig config) {
        this.tables = tables;
        this.queries = queries;
        this.timeout = config.query().timeout();
    }

    /**
     * @param datasource the table, as given
     * @param timeColumn its time column
     * @param columns every column with its SQL type
     * @param dimensions the columns structured queries group and filter by
     * @param rows its rows
     * @param minTime its oldest point, null when empty
     * @param maxTime its newest point, null when empty
     * @param metrics one entry per metric name and type
     * @param queryId the query that counted them
     */
    public record DatasourceMetadata(String datasource, @JsonProperty("time_column") String timeColumn,
            List<Column> columns, List<String> dimensions, long rows, @JsonProperty("min_time") Instant minTime,
            @JsonProperty("max_time") Instant maxTime, List<MetricSummary> metrics,
            @JsonProperty("query_id") String queryId) {
    }

    public record MetricSummary(String name, String type, long rows, @JsonProperty("min_time") Instant minTime,
            @JsonProperty("max_time") Instant maxTime) {
    }

    /** @param datasource a dotted table name: metrics.points, druid.metrics, … */
    @GET
    @Path("/{datasource}")
    @RunOnVirtualThread
    public DatasourceMetadata metadata(@PathParam("datasource") String datasource) {
        MetricTable table = tables.find(datasource, timeout);
        String time = "\"" + table.timeColumn() + "\"";
        String sql = "SELECT \"name\", \"type\", COUNT(*), MIN(" + time + "), MAX(" + time + ") FROM " + table.sqlName()
                + " GROUP BY \"name\", \"type\" ORDER BY 1, 2";
        MetricQueries.Run run = queries.run(sql, List.of(), QueryMode.AUTO, true);
        List<MetricSummary> metrics = new ArrayList<>();
        long rows = 0;
        Instant min = null;
        Instant max = null;
        for (Object[] row : run.answer().rows()) {
            long count = ((Number) row[2]).longValue();
            Instant first = CurrentValues.instant(row[3]);
            Instant last = CurrentValues.instant(row[4]);
            metrics.add(new MetricSummary((String) row[0], row[1] == null ? null : row[1].toString(), count, first, last));
            rows += count;
            min = min == null || first.isBefore(min) ? first : min;
            max = max == null || last.isAfter(max) ? last : max;
        }
        return new DatasourceMetadata(datasource, table.timeColumn(), tables.columns(table, timeout),
                List.copyOf(new TreeSet<>(table.dimensions())), rows, min, max, metrics, run.queryId());
    }
}
