package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.ingest.handoff.Handoff;
import dev.junction.ingest.handoff.HandoffState;
import dev.junction.ingest.handoff.HandoffStatus;
import dev.junction.ingest.handoff.Handoffs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/metrics/handoff}: where the hybrid table splits between Druid and Ignite, read-only; and the
 * files a running handoff task reads.
 */
@Path("/api/v1/metrics/handoff")
@Produces(MediaType.APPLICATION_JSON)
public class HandoffResource {
    private final Handoffs handoffs;

    public HandoffResource(Handoffs handoffs) {
        this.handoffs = handoffs;
    }

    /**
     * @param table the hybrid table
     * @param watermark Druid holds every chunk before it (null before this gateway's first round)
     * @param sequence the last handoff Druid shows
     * @param updatedAt when the state last moved
     * @param leader whether this gateway runs the handoffs (holds the lease)
     * @param lastHandoff the last handoff this gateway did
     * @param pendingChunks closed chunks past their handoff time not yet in Druid
     * @param lastError why the last round failed (it is repeated), null when it succeeded
     * @param lastRound when this gateway's last round ended
     * @param replay the refill of the hot table from Pulsar after Ignite lost it, as the leader last saw it; null on
     *     other gateways
     */
    public record State(String table, Instant watermark, Long sequence, @JsonProperty("updated_at") Instant updatedAt,
            boolean leader, @JsonProperty("last_handoff") Last lastHandoff,
            @JsonProperty("pending_chunks") long pendingChunks, @JsonProperty("last_error") String lastError,
            @JsonProperty("last_round") Instant lastRound, Replay replay) {
    }

    /**
     * A replay: the subscription was rewound to messages published from {@code from} on, at {@code startedAt}; it is
     * {@code done} once every message up to {@code until} (the topic's end then) is acknowledged again.
     */
    public record Replay(Instant from, @JsonProperty("started_at") Instant startedAt, String until, boolean done) {
    }

    /** One handoff: its kind ({@code chunk}, {@code late}, {@code empty}), interval, rows, sequence, tasks, step times. */
    public record Last(String kind, Instant start, Instant end, long rows, long sequence, List<String> tasks,
            @JsonProperty("step_seconds") Map<String, Double> stepSeconds) {
    }

    @GET
    public State state() {
        HandoffStatus status = handoffs.status();
        HandoffState state = status.state().orElse(null);
        return new State(status.table(), state == null ? null : state.watermark(), state == null ? null : state.seq(),
                state == null ? null : state.updatedAt(), status.leader(), status.lastHandoff().map(HandoffResource::last)
                .orElse(null), status.pendingChunks(), status.lastError().orElse(null), status.lastRound().orElse(null),
                status.replay().map(mark -> new Replay(mark.from(), mark.startedAt(), mark.until().orElse(null),
                        mark.done())).orElse(null));
    }

    /**
     * {@code GET /api/v1/metrics/handoff/files/{name}}: a running handoff task's rows, newline-delimited JSON, which
     * Druid's {@code http} input source reads (docs/metrics.md, "Handoff files"); 404 once the task ended.
     */
    @GET
    @Path("/files/{name}")
    @Produces("application/x-ndjson")
    public Response file(@PathParam("name") String name) {
        return handoffs.file(name).map(file -> Response.ok(file.toFile()).build())
                .orElseThrow(() -> new NotFoundException("No handoff file '" + name + "': its task ended, or it"
                        + " never was"));
    }

    private static Last last(Handoff handoff) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        handoff.steps().forEach((step, took) -> seconds.put(step, took.toMillis() / 1000.0));
        return new Last(handoff.kind(), handoff.start(), handoff.end(), handoff.rows(), handoff.after().seq(),
                handoff.tasks(), seconds);
    }
}
