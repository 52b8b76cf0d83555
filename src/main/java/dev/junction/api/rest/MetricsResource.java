package dev.junction.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.IngestConfig;
import dev.junction.ingest.IngestMetrics;
import dev.junction.ingest.MetricEvent;
import dev.junction.ingest.MetricEventReader;
import dev.junction.ingest.MetricLimits;
import dev.junction.ingest.MetricPayload;
import dev.junction.ingest.MetricPublisher;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.config.GatewayConfig;
import dev.junction.metrics.CurrentValues;
import dev.junction.metrics.MetricQueries;
import dev.junction.metrics.MetricTables;
import dev.junction.sql.QueryMode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Live metric events in (docs/metrics.md, "Ingest"): one event, an array of them or {@code {"events": [...]}}. Valid
 * events are published to the metrics topic and answered 202 with their ids (generated when absent, so that a
 * retry with the same ids stores nothing twice); invalid ones are answered per item and not published. And the
 * latest value of each series of a metric: {@code GET /api/v1/metrics/{name}/current}.
 */
@Path("/api/v1/metrics")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
    private final MetricEventReader reader;
    private final MetricPublisher publisher;
    private final IngestMetrics metrics;

    private final MetricTables tables;
    private final CurrentValues current;
    private final Duration timeout;

    public MetricsResource(IngestConfig config, MetricPublisher publisher, IngestMetrics metrics, MetricTables tables,
            MetricQueries queries, GatewayConfig gateway) {
        this.reader = new MetricEventReader(MetricLimits.of(config));
        this.publisher = publisher;
        this.metrics = metrics;
        this.tables = tables;
        this.current = new CurrentValues(queries, Clock.systemUTC());
        this.timeout = gateway.query().timeout();
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
        Duration window = CurrentValues.within(within);
        CurrentValues.Found found = current.find(tables.live(timeout), Optional.of(name), window, QueryMode.AUTO);
        return new Current(name, window.toString(), found.series().stream()
                .map(series -> new SeriesValue(series.type(), series.labels(), series.value(), series.timestamp()))
                .toList(), found.run().queryId());
    }

    @POST
    public CompletionStage<Response> post(JsonNode body) {
        return ingest(body);
    }

    /** The seed's path for the same. */
    @POST
    @Path("/ingest")
    public CompletionStage<Response> ingest(JsonNode body) {
        List<JsonNode> items = MetricPayload.items(body).orElseThrow(() -> new JunctionException(
                ErrorCode.INVALID_REQUEST, "The body must be a metric event object, an array of them or"
                + " {\"events\": [...]}"));
        if (items.isEmpty()) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "The request holds no metric events");
        }
        Instant now = Instant.now();
        List<MetricEvent> valid = new ArrayList<>();
        List<IngestAnswer.ItemError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            switch (reader.read(items.get(i), now)) {
                case MetricEventReader.Valid(MetricEvent event) -> valid.add(event);
                case MetricEventReader.Invalid invalid -> errors.add(new IngestAnswer.ItemError(i,
                        ErrorCode.INVALID_METRIC.name(), invalid.reason()));
            }
        }
        List<String> ids = valid.stream().map(MetricEvent::id).toList();
        if (valid.isEmpty()) {
            metrics.requestDone(0, errors.size());
            JunctionException failure = new JunctionException(ErrorCode.INVALID_METRIC, errors.size() == 1
                    ? "The metric event is invalid: " + errors.get(0).message()
                    : "All " + errors.size() + " metric events are invalid");
            return CompletableFuture.completedFuture(Response.status(400)
                    .entity(new IngestAnswer(0, errors.size(), errors, ids, ErrorResponse.of(failure, null).error()))
                    .build());
        }
        return publisher.publish(valid).thenApply(published -> {
            metrics.requestDone(valid.size(), errors.size());
            return Response.accepted(new IngestAnswer(valid.size(), errors.size(), errors, ids, null)).build();
        });
    }
}
