package dev.junction.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingest path's Micrometer meters (at /q/metrics): events by outcome, batches by outcome, the hot store's write
 * time, and REST's accepted and rejected events; also the consumer's last batch and failure, for /health.
 */
@Singleton
public class IngestMetrics {
    /** The consumer's latest failed batch: when, and why. */
    public record Failure(Instant at, String reason) {
    }

    private final Counter written;
    private final Counter late;
    private final Counter lateReplays;
    private final Counter deadLettered;
    private final Counter batches;
    private final Counter failedBatches;
    private final Counter accepted;
    private final Counter rejected;
    private final Timer writes;
    private final AtomicReference<Instant> lastBatch = new AtomicReference<>();
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

    public IngestMetrics(MeterRegistry registry) {
        written = events(registry, "written", "rows written to the hot store on time");
        late = events(registry, "late", "late rows written to the hot store (their chunk had closed)");
        lateReplays = events(registry, "late_replay", "late events dropped: their id was in the hot store");
        deadLettered = events(registry, "dead_lettered", "invalid events sent to the dead-letter topic");
        batches = Counter.builder("junction.ingest.batches").tag("outcome", "acknowledged")
                .description("consumer batches").register(registry);
        failedBatches = Counter.builder("junction.ingest.batches").tag("outcome", "redelivered")
                .description("consumer batches").register(registry);
        accepted = Counter.builder("junction.ingest.requests.events").tag("outcome", "accepted")
                .description("events of REST requests").register(registry);
        rejected = Counter.builder("junction.ingest.requests.events").tag("outcome", "rejected")
                .description("events of REST requests").register(registry);
        writes = Timer.builder("junction.ingest.hot.writes").description("hot store writes (one per batch)")
                .register(registry);
    }

    private static Counter events(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("junction.ingest.events").tag("outcome", outcome).description(description)
                .register(registry);
    }

    void batchDone(HotStore.Written result, int invalid, Duration writeTime) {
        written.increment(result.onTime());
        late.increment(result.late());
        lateReplays.increment(result.lateReplays());
        deadLettered.increment(invalid);
        batches.increment();
        writes.record(writeTime);
        lastBatch.set(Instant.now());
    }

    void batchFailed(String reason) {
        failedBatches.increment();
        lastFailure.set(new Failure(Instant.now(), reason));
    }

    public void requestDone(int acceptedEvents, int rejectedEvents) {
        accepted.increment(acceptedEvents);
        rejected.increment(rejectedEvents);
    }

    /** Events written to the hot store (on time and late) since the gateway started. */
    public long eventsWritten() {
        return (long) (written.count() + late.count());
    }

    public long eventsDeadLettered() {
        return (long) deadLettered.count();
    }

    public Optional<Instant> lastBatch() {
        return Optional.ofNullable(lastBatch.get());
    }

    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}
