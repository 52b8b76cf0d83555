package dev.junction.api.rest;

import dev.junction.config.GatewayConfig;
import dev.junction.metrics.CurrentValues;
import dev.junction.metrics.MetricQueries;
import dev.junction.metrics.MetricTables;
import dev.junction.metrics.PrometheusExport;
import dev.junction.sql.QueryMode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /api/v1/export/prometheus}: the latest value of every live metric series in the Prometheus text
 * format, for a Prometheus server to scrape (the gateway's own meters are at {@code /q/metrics}).
 */
@Path("/api/v1/export")
public class ExportResource {
    private final MetricTables tables;
    private final CurrentValues current;
    private final Duration timeout;

    public ExportResource(MetricTables tables, MetricQueries queries, GatewayConfig config) {
        this.tables = tables;
        this.current = new CurrentValues(queries, Clock.systemUTC());
        this.timeout = config.query().timeout();
    }

    /** @param within how far back a series' latest point may be (default 5m) */
    @GET
    @Path("/prometheus")
    @RunOnVirtualThread
    public Response prometheus(@QueryParam("within") String within) {
        Duration window = CurrentValues.within(within);
        CurrentValues.Found found = current.find(tables.live(timeout), Optional.empty(), window, QueryMode.AUTO);
        return Response.ok(PrometheusExport.write(found.series()), PrometheusExport.CONTENT_TYPE)
                .header(QueryResource.QUERY_ID_HEADER, found.run().queryId()).build();
    }
}
