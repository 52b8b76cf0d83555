package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.config.GatewayConfig;
import dev.junction.metrics.CurrentValues;
import dev.junction.metrics.MetricQueries;
import dev.junction.metrics.MetricQueryReader;
import dev.junction.metrics.MetricTables;
import dev.junction.sql.QueryMode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/v1/metrics/{name}/current}: the latest value of each series of one metric. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
    private final MetricTables tables;
    private final CurrentValues current;
    private final Duration timeout;

    public MetricsResource(MetricTables tables, MetricQueries queries, GatewayConfig config) {
        this.tables = tables;
        this.current = new CurrentValues(queries, Clock.systemUTC());
        this.timeout = config.query().timeout();
    }

    /**
     * @param name the metric
     * @param within how far back the latest point may be
     * @param series one per set of tags, newest first
     * @param queryId the query that read them (GET /api/v1/queries/{id})
     */
    public record Current(String name, String within, List<SeriesValue> series, @JsonProperty("query_id") String queryId) {
    }

    /**
     * @param type the metric's type
     * @param tags its tenant and tags
     * @param value the latest value
     * @param timestamp when it was measured
     */
    public record SeriesValue(String type, Map<String, String> tags, double value, Instant timestamp) {
    }

    /** @param within how far back to look for the latest point (default 5m): 30s, 15m, 1h, … */
    @GET
    @Path("/{name}/current")
    @RunOnVirtualThread
    public Current current(@PathParam("name") String name, @QueryParam("within") String within) {
        Duration window = within == null ? CurrentValues.DEFAULT_WITHIN : MetricQueryReader.duration(within, "within");
        CurrentValues.Found found = current.find(tables.live(timeout), Optional.of(name), window, QueryMode.AUTO);
        return new Current(name, window.toString(), found.series().stream()
                .map(series -> new SeriesValue(series.type(), series.labels(), series.value(), series.timestamp()))
                .toList(), found.run().queryId());
    }
}
