package dev.junction.ingest;

import dev.junction.cache.DataVersions;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.handoff.Handoffs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The hot store against the stack's Ignite: rows as SQL sees them, the late path, and failures that lose nothing. */
@QuarkusTest
@TestProfile(IngestEnabledProfile.class)
class HotStoreIT {
    @Inject
    IngestConfig config;
    @Inject
    HotStore store;
    @Inject
    DataVersions versions;
    @Inject
    DeadLetters deadLetters;
    @Inject
    Handoffs handoffs;

    private final String run = "hs-" + UUID.randomUUID();

    /** A table of its own beside the consumer's, so that nothing but this test writes to it. */
    private HotTable table() {
        HotTable hot = HotTable.of(config);
        return new HotTable(hot.schema(), hot.table() + "_STORE_IT", config.tagColumns());
    }

    private HotStore storeAt(String address, Runnable afterWrite) {
        return new HotStore(table(), ChunkClock.of(config), address, Duration.ofSeconds(10), afterWrite,
                Clock.systemUTC());
    }

    private MetricEvent event(String id, double value, Map<String, String> tags, Instant timestamp) {
        return new MetricEvent(id, "acme", "it.hot.store", MetricType.SUM, value, tags, timestamp,
                Optional.of(Duration.ofMinutes(1)));
    }

    /** The region's fill is read from Ignite: below the limit a write goes on, above it the write is refused. */
    @Test
    void aWriteIsRefusedWhileIgnitesDataRegionIsFullerThanTheLimit() {
        try (IgniteClient ignite = Ignition.startClient(new ClientConfiguration().setAddresses(config.igniteAddress()))) {
            new RegionRoom(1.0).check(ignite, 3);
            // The stack's region always holds something (the demo tables): one millionth of it is exceeded.
            assertThatThrownBy(() -> new RegionRoom(0.000001).check(ignite, 3))
                    .isInstanceOf(JunctionException.class)
                    .hasMessageStartingWith("The hot store is full: Ignite's data region uses ")
                    .hasMessageEndingWith("3 events wait in Pulsar until handoffs have evicted hot rows")
                    .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);
        }
    }

    @Test
    void rowsWrittenThroughTheCacheApiAreRowsForSql() {
        AtomicInteger bumps = new AtomicInteger();
        HotStore hot = storeAt(config.igniteAddress(), bumps::incrementAndGet);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HotStore.Written written = hot.write(List.of(
                event(run + "-1", 1.25, Map.of("service", "checkout", "region", "eu", "host", "h1"), now),
                event(run + "-2", 2.5, Map.of(), now),
                event(run + "-3", 4, Map.of("endpoint", "/pay"), now)));

        assertThat(written).isEqualTo(new HotStore.Written(3, 0, 0));
        assertThat(bumps).hasValue(1);
        HotTableQueries sql = new HotTableQueries(config.igniteAddress(), table());
        assertThat(sql.countAndSum("EVENT_ID LIKE ?", run + "%")).containsEntry("N", 3L).containsEntry("TOTAL", 7.75);
        Map<String, Object> first = sql.rows("EVENT_ID = ?", run + "-1").get(0);
        assertThat(first).containsEntry("TENANT", "acme").containsEntry("NAME", "it.hot.store")
                .containsEntry("TYPE", "sum").containsEntry("VAL", 1.25).containsEntry("SERVICE", "checkout")
                .containsEntry("HOST", "h1").containsEntry("ENDPOINT", null).containsEntry("TAGS", "{\"region\":\"eu\"}")
                .containsEntry("WINDOW_MS", 60_000L).containsEntry("LATE", false).containsEntry("LATE_SEQ", null)
                .containsEntry("TS", Timestamp.from(now));
        assertThat(sql.rows("EVENT_ID = ?", run + "-2").get(0)).containsEntry("TAGS", "{}");
    }

    @Test
    void lateEventsAreMarkedAndLateReplaysOfHotRowsDropped() {
        HotStore hot = storeAt(config.igniteAddress(), () -> { });
        Instant now = Instant.now();
        // Tests use one-minute chunks with 5 s of grace: ten minutes ago is a closed chunk.
        Instant closed = now.minus(Duration.ofMinutes(10));
        hot.write(List.of(event(run + "-on-time", 1, Map.of(), now)));

        HotStore.Written written = hot.write(List.of(event(run + "-late", 10, Map.of(), closed),
                event(run + "-on-time", 100, Map.of(), closed)));
        assertThat(written).isEqualTo(new HotStore.Written(0, 1, 1));
        assertThat(hot.write(List.of(event(run + "-late", 10, Map.of(), closed))))
                .isEqualTo(new HotStore.Written(0, 0, 1));

        HotTableQueries sql = new HotTableQueries(config.igniteAddress(), table());
        assertThat(sql.rows("EVENT_ID LIKE ?", run + "%")).extracting(row -> row.get("EVENT_ID"), row -> row.get("VAL"),
                row -> row.get("LATE")).containsExactly(
                        tuple(run + "-late", 10.0, true),
                        tuple(run + "-on-time", 1.0, false));
    }

    @Test
    void eachWriteBumpsTheHybridTablesDataVersion() {
        // A handoff round bumps the version too (once a minute an empty chunk is skipped): none between the reads.
        handoffs.suspend();
        try {
            long before = versions.version(config.table());
            store.write(List.of(event(run + "-bump", 1, Map.of(), Instant.now())));
            assertThat(versions.version(config.table())).isEqualTo(before + 1);
        } finally {
            handoffs.resume();
        }
        assertThat(new HotTableQueries(config.igniteAddress(), HotTable.of(config)).count("EVENT_ID = ?", run + "-bump"))
                .isEqualTo(1);
    }

    @Test
    void aWriteIgniteDoesNotTakeFailsWithACodeAndBumpsNothing() {
        AtomicInteger bumps = new AtomicInteger();
        HotStore down = storeAt("127.0.0.1:9", bumps::incrementAndGet);
        assertThatThrownBy(() -> down.write(List.of(event(run + "-lost", 1, Map.of(), Instant.now()))))
                .isInstanceOfSatisfying(JunctionException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE))
                .hasMessageStartingWith("The hot store is out of reach: Ignite at 127.0.0.1:9 does not answer: ");
        assertThat(bumps).hasValue(0);
        assertThat(down.up()).isFalse();
    }

    @Test
    void theConsumerDoesNotAcknowledgeABatchTheHotStoreDidNotTake() {
        // Meters of its own: the gateway's consumer must not report this failure in /health.
        MetricConsumer consumer = new MetricConsumer(config, storeAt("127.0.0.1:9", () -> { }), deadLetters,
                new IngestMetrics(new SimpleMeterRegistry()));
        AtomicInteger acks = new AtomicInteger();
        AtomicReference<Throwable> nack = new AtomicReference<>();
        String payload = "[{\"id\":\"" + run + "-nack\",\"name\":\"it.nack\",\"type\":\"count\",\"value\":1}]";
        Message<List<byte[]>> batch = Message.of(List.of(payload.getBytes(StandardCharsets.UTF_8)), () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            nack.set(failure);
            return CompletableFuture.completedFuture(null);
        });

        consumer.consume(batch).await().atMost(Duration.ofSeconds(30));

        assertThat(acks).hasValue(0);
        assertThat(storeAt(config.igniteAddress(), () -> { }).connect()).isTrue();
        assertThat(nack.get()).isInstanceOf(JunctionException.class)
                .hasMessageStartingWith("The hot store is out of reach: Ignite at 127.0.0.1:9 does not answer: ");
        assertThat(new HotTableQueries(config.igniteAddress(), table()).count("EVENT_ID = ?", run + "-nack")).isZero();
    }
}
