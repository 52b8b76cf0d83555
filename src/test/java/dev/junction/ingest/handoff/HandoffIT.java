package dev.junction.ingest.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.druid.DruidConnector;
import dev.junction.connector.ignite.IgniteConnector;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.HotTable;
import dev.junction.ingest.IngestConfig;
import dev.junction.ingest.handoff.HandoffEngines.Totals;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import dev.junction.ingest.IngestEnabledProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Handoffs against the real Ignite, Druid and PostgreSQL (docs/metrics.md): chunks move to Druid exactly once, a
 * crash between Druid's task and the state's move repeats the handoff without doubling, late rows follow, and at
 * every moment the two tiers read with the state of that moment add up to the truth.
 */
@QuarkusTest
@TestProfile(IngestEnabledProfile.class)
class HandoffIT {
    @Inject
    Handoffs handoffs;
    @Inject
    HandoffStates states;
    @Inject
    IngestConfig config;
    @Inject
    ConnectorRegistry connectors;
    @Inject
    HandoffLeases leases;
    @Inject
    @DataSource("postgresql")
    AgroalDataSource metadata;

    private ChunkClock clock;
    private HandoffEngines engines;
    private Instant base;

    @BeforeEach
    void reset() throws Exception {
        handoffs.suspend();
        clock = ChunkClock.of(config);
        DruidConnector druid = (DruidConnector) connectors.get(config.coldConnector());
        engines = new HandoffEngines(((IgniteConnector) connectors.get(config.hotConnector())).endpoint(),
                druid.endpoint(), druid.coordinator().orElseThrow(), HotTable.of(config), config.coldDatasource());
        // On a new Ignite the first round refills the hot table from Pulsar (HotReplay) and hands nothing off.
        await().atMost(Duration.ofSeconds(60)).until(handoffs::replaySettled);
        engines.clearHot();
        // Chunks a few minutes back: closed, within junction.ingest.max-age, and never used by an earlier run's rows.
        base = clock.start(Instant.now()).minus(config.chunk().multipliedBy(5));
        engines.dropDruid(base.minus(Duration.ofHours(1)), base.plus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(engines.druid(DruidChunks.during(base, base.plus(Duration.ofHours(1)))).count()).isZero());
        new StoredHandoff(metadata::getConnection, config.table()).forget();
        handoffs.forget();
        assertThat(states.reload(config.table(), base).watermark()).isEqualTo(base);
    }

    @AfterEach
    void stop() {
        handoffs.suspend();
    }

    @Test
    void closedChunksMoveToDruidOnceEachAndEveryAnswerMeanwhileIsExact() throws Exception {
        Totals truth = new Totals(0, 0);
        for (int chunk = 0; chunk < 3; chunk++) {
            truth = truth.plus(writeChunk(chunk, 4 + chunk));
        }
        assertThat(truth).isEqualTo(new Totals(15, 4 * 10 + 6 + 5 * 20 + 10 + 6 * 30 + 15));

        try (Poller poller = new Poller(truth)) {
            handoffs.resume();
            await().atMost(Duration.ofMinutes(3)).until(() -> states.reload(config.table(), base).seq() == 3);
            HandoffState state = states.reload(config.table(), base);
            assertThat(state.watermark()).isAfterOrEqualTo(chunk(3));
            // The hot rows go once the eviction delay has passed, and answers stay exact throughout.
            await().atMost(Duration.ofSeconds(60)).until(() -> engines.hotRows(base) == 0);
            poller.assertExact();
        }
        for (int chunk = 0; chunk < 3; chunk++) {
            assertThat(engines.druidBySeq(chunk(chunk), chunk(chunk + 1)))
                    .containsExactly(new long[] {chunk + 1, 4 + chunk, (4 + chunk) * 10L * (chunk + 1) + sumTo(3 + chunk)});
        }
        given().when().get("/api/v1/metrics/handoff").then().statusCode(200)
                .body("table", equalTo(config.table()))
                .body("sequence", equalTo(3))
                .body("last_error", equalTo(null));
    }

    @Test
    void aHandoffRepeatedAfterACrashBeforeTheStateMovedLeavesEachRowOnce() throws Exception {
        Totals truth = writeChunk(0, 5);
        HandoffState before = states.reload(config.table(), base);

        HandoffSteps.Prepared crashed = handoffs.steps().prepare(before, chunk(0));

        assertThat(crashed.rows()).isEqualTo(5);
        assertThat(engines.druidBySeq(chunk(0), chunk(1))).containsExactly(new long[] {1, 5, 60});
        HandoffState unchanged = states.reload(config.table(), base);
        assertThat(unchanged).isEqualTo(before);
        assertThat(engines.cold(base, unchanged).plus(engines.hot(base, unchanged))).isEqualTo(truth);

        handoffs.round();

        HandoffState after = states.reload(config.table(), base);
        assertThat(after.seq()).isEqualTo(1);
        assertThat(after.watermark()).isAfterOrEqualTo(chunk(1));
        assertThat(engines.druidBySeq(chunk(0), chunk(1))).containsExactly(new long[] {1, 5, 60});
        assertThat(engines.cold(base, after).plus(engines.hot(base, after))).isEqualTo(truth);
    }

    @Test
    void lateRowsOfAHandedOffChunkFollowByALateHandoffAndReplaysAreDropped() throws Exception {
        Totals onTime = writeChunk(0, 4);
        handoffs.round();
        assertThat(states.reload(config.table(), base).seq()).isEqualTo(1);
        Instant lateTime = chunk(0).plusSeconds(30);
        for (int i = 0; i < 3; i++) {
            engines.write("late-" + i, lateTime.plusMillis(i), 100 + i, true);
        }
        Totals truth = onTime.plus(new Totals(3, 303));

        try (Poller poller = new Poller(truth)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> poller.polls() >= 3);
            // A late handoff that crashed after its Druid tasks, then the round that repeats it.
            HandoffSteps.Prepared crashed = handoffs.steps().prepareLate(states.reload(config.table(), base), chunk(0));
            assertThat(crashed.rows()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> poller.polls() >= 6);
            handoffs.round();
            assertThat(states.reload(config.table(), base).seq()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                handoffs.round();
                assertThat(engines.hotRows(base)).isZero();
            });
            poller.assertExact();
        }
        assertThat(engines.druidBySeq(chunk(0), chunk(1)))
                .containsExactly(new long[] {1, 4, 40 + sumTo(3)}, new long[] {2, 3, 303});

        // A replay of a handed-off event written late: dropped, not doubled.
        engines.write("c0-1", chunk(0).plusSeconds(1), 999, true);
        handoffs.round();
        assertThat(engines.hotRows(base)).isZero();
        assertThat(druidOfThisRun("c0-1").count()).isEqualTo(1);
        assertThat(druidOfThisRun("c0-1").sum()).isEqualTo(11);
        assertThat(states.reload(config.table(), base).seq()).isEqualTo(2);
    }

    /**
     * docs/metrics.md, "Changing the chunk length": a gateway with one-second chunks handed off the first half of chunk
     * 0, leaving the watermark in its middle; this gateway's first handoff is the rest of that chunk, in segments short
     * enough not to cover (and hide) the earlier ones, and the next is chunk 1 whole.
     */
    @Test
    void aLongerChunkAfterAShorterOneFirstHandsOffTheRestOfItsChunkAndDruidKeepsTheEarlierRows() throws Exception {
        Instant half = chunk(0).plus(config.chunk().dividedBy(2));
        for (int i = 0; i < 3; i++) {
            engines.write("a-" + i, chunk(0).plusSeconds(1 + i), 1 + i, false);
            if (i < 2) {
                engines.write("b-" + i, half.plusSeconds(1 + i), 10 + i, false);
            }
        }
        Totals truth = new Totals(5, 1 + 2 + 3 + 10 + 11).plus(writeChunk(1, 2));
        DruidConnector druid = (DruidConnector) connectors.get(config.coldConnector());
        HandoffSteps earlier = new HandoffSteps(new ChunkClock(Duration.ofSeconds(1), config.grace(),
                config.safetyMargin()), states, new HotChunks(((IgniteConnector) connectors.get(config.hotConnector()))
                        .endpoint(), HotTable.of(config)),
                new DruidChunks(druid.coordinator().orElseThrow(), druid.endpoint(), new DruidTaskSpecs(
                        config.coldDatasource(), config.coldDatasource() + "_late", config.tagColumns(),
                        Duration.ofSeconds(1)), config.handoffTimeout()), handoffs.files());

        try (Poller poller = new Poller(truth)) {
            // The earlier gateway at the moment the second ending at the half was due: three handoffs of one row each,
            // and the empty seconds skipped.
            Instant then = half.plus(config.grace()).plus(config.safetyMargin());
            while (earlier.next(states.reload(config.table(), base), then).isPresent()) {
                assertThat(states.reload(config.table(), base).watermark()).isBeforeOrEqualTo(half);
            }
            HandoffState left = states.reload(config.table(), base);
            assertThat(left.watermark()).isEqualTo(half);
            assertThat(engines.druid(DruidChunks.during(chunk(0), half))).isEqualTo(new Totals(3, 6));

            await().atMost(Duration.ofMinutes(3)).until(() -> {
                handoffs.round();
                return !states.reload(config.table(), base).watermark().isBefore(chunk(2));
            });
            poller.assertExact();
            assertThat(engines.druidBySeq(half, chunk(1))).containsExactly(new long[] {left.seq() + 1, 2, 21});
            assertThat(engines.druidBySeq(chunk(1), chunk(2))).containsExactly(new long[] {left.seq() + 2, 2, 41});
        }
        assertThat(engines.druid(DruidChunks.during(chunk(0), half))).isEqualTo(new Totals(3, 6));
        assertThat(engines.druid(DruidChunks.during(chunk(0), chunk(2)))).isEqualTo(truth);
    }

    @Test
    void anOnTimeRowWrittenAfterItsChunksHandoffBecomesLateAtEvictionAndFollows() throws Exception {
        Totals truth = writeChunk(0, 4).plus(new Totals(1, 500));
        handoffs.round();
        assertThat(states.reload(config.table(), base).seq()).isEqualTo(1);

        // A write that stalled past the safety margin lands after the handoff: eviction must not delete it.
        engines.write("stalled", chunk(0).plusSeconds(50), 500, false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            handoffs.round();
            assertThat(druidOfThisRun("stalled").count()).isEqualTo(1);
            assertThat(engines.hotRows(base)).isZero();
        });

        HandoffState after = states.reload(config.table(), base);
        assertThat(after.seq()).isEqualTo(2);
        assertThat(engines.druidBySeq(chunk(0), chunk(1)))
                .containsExactly(new long[] {1, 4, 40 + sumTo(3)}, new long[] {2, 1, 500});
        assertThat(engines.cold(base, after).plus(engines.hot(base, after))).isEqualTo(truth);
    }

    @Test
    void aRoundWithDruidDownMovesNothingAndTheNextRoundHandsOff() throws Exception {
        Totals truth = writeChunk(0, 3);
        HandoffState before = states.reload(config.table(), base);
        DruidConnector druid = (DruidConnector) connectors.get(config.coldConnector());
        HandoffSteps druidDown = new HandoffSteps(clock, states,
                new HotChunks(((IgniteConnector) connectors.get(config.hotConnector())).endpoint(), HotTable.of(config)),
                new DruidChunks(new dev.junction.connector.HttpEndpoint("http://127.0.0.1:9", Duration.ofSeconds(1),
                        Duration.ofSeconds(2)), druid.endpoint(), new DruidTaskSpecs(config.coldDatasource(),
                        config.coldDatasource() + "_late", config.tagColumns(), config.chunk()), Duration.ofSeconds(5)),
                handoffs.files());

        assertThatThrownBy(() -> druidDown.next(before, Instant.now()))
                .isInstanceOf(JunctionException.class)
                .hasMessageStartingWith("Druid's overlord refused the handoff task: ")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);

        assertThat(states.reload(config.table(), base)).isEqualTo(before);
        assertThat(engines.cold(base, before).plus(engines.hot(base, before))).isEqualTo(truth);
        handoffs.round();
        HandoffState after = states.reload(config.table(), base);
        assertThat(after.seq()).isEqualTo(1);
        assertThat(engines.cold(base, after).plus(engines.hot(base, after))).isEqualTo(truth);
    }

    @Test
    void aChunkSpreadOverSeveralHandoffFilesIsHandedOffWholeAndItsFilesAreGoneAfterwards() throws Exception {
        Totals truth = writeChunk(0, 25);
        HandoffState before = states.reload(config.table(), base);
        DruidConnector druid = (DruidConnector) connectors.get(config.coldConnector());
        // Ten rows a file (250,000 in the gateway's own): Druid reads three files of the gateway's folder.
        Path folder = Path.of(config.handoffDir());
        HandoffSteps tenPerFile = new HandoffSteps(clock, states, handoffs.steps().hot(),
                new DruidChunks(druid.coordinator().orElseThrow(), druid.endpoint(), new DruidTaskSpecs(
                        config.coldDatasource(), config.coldDatasource() + "_late", config.tagColumns(),
                        config.chunk()), config.handoffTimeout()),
                new HandoffFiles(folder, () -> Optional.of("http://127.0.0.1:" + RestAssured.port), Duration.ofHours(1),
                        10));

        Handoff handoff = tenPerFile.next(before, Instant.now()).orElseThrow();

        assertThat(handoff.rows()).isEqualTo(25);
        JsonNode input = new ObjectMapper().readTree(druid.coordinator().orElseThrow().get("druid/indexer/v1/task/"
                + handoff.tasks().get(0))).at("/payload/spec/ioConfig/inputSource");
        assertThat(input.path("type").asText()).isEqualTo("http");
        assertThat(input.path("uris")).extracting(JsonNode::asText).hasSize(3)
                .allMatch(uri -> uri.startsWith("http://127.0.0.1:" + RestAssured.port + "/api/v1/metrics/handoff/files/"
                        + config.coldDatasource() + "-1-"));
        assertThat(engines.druidBySeq(chunk(0), chunk(1))).containsExactly(new long[] {1, 25, 10L * 25 + sumTo(24)});
        assertThat(engines.cold(base, handoff.after())).isEqualTo(truth);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(config.coldDatasource() + "-1-"));
        }
        given().when().get("/api/v1/metrics/handoff/files/" + config.coldDatasource() + "-1-gone-0.json").then()
                .statusCode(404).body("error.code", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void onlyTheGatewayHoldingTheLeaseHandsOffAndAnExpiredLeaseIsTakenOver() throws Exception {
        writeChunk(0, 2);
        Instant now = Instant.now();
        assertThat(leases.acquire(config.table(), "other-gateway", now, Duration.ofMinutes(5))).isTrue();

        handoffs.round();

        assertThat(states.reload(config.table(), base).seq()).isZero();
        given().when().get("/api/v1/metrics/handoff").then().statusCode(200).body("leader", equalTo(false));
        // The other gateway stopped renewing: once its lease has expired, this one takes over.
        assertThat(leases.acquire(config.table(), "other-gateway", now.minus(Duration.ofMinutes(10)), Duration.ofMinutes(5)))
                .isTrue();
        handoffs.round();
        assertThat(states.reload(config.table(), base).seq()).isEqualTo(1);
        given().when().get("/api/v1/metrics/handoff").then().statusCode(200).body("leader", equalTo(true))
                .body("last_handoff.kind", equalTo("empty"));
        assertThat(leases.acquire(config.table(), "other-gateway", Instant.now(), Duration.ofMinutes(5))).isFalse();
    }

    /** Writes {@code rows} on-time rows into chunk {@code index}: values {@code 10 * (index + 1) + i}. */
    private Totals writeChunk(int index, int rows) throws Exception {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double value = 10 * (index + 1) + i;
            engines.write("c" + index + "-" + i, chunk(index).plusMillis(1000L * i + 1), value, false);
            sum += value;
        }
        return new Totals(rows, sum);
    }

    private Instant chunk(int index) {
        return base.plus(config.chunk().multipliedBy(index));
    }

    private static long sumTo(int n) {
        return (long) n * (n + 1) / 2;
    }

    /**
     * Polls, on a thread of its own, what a hybrid query would answer: the state of that moment, then Druid's rows
     * before its watermark up to its sequence, then the hot rows its filter keeps; records every answer that is
     * not the truth.
     */
    private final class Poller implements AutoCloseable {
        private final Totals truth;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger polls = new AtomicInteger();
        private final List<String> wrong = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Poller(Totals truth) {
            this.truth = truth;
            this.thread = Thread.ofPlatform().name("handoff-poller").start(this::run);
        }

        private void run() {
            while (running.get()) {
                try {
                    HandoffState state = states.reload(config.table(), base);
                    Totals cold = engines.cold(base, state);
                    Totals hot = engines.hot(base, state);
                    if (!cold.plus(hot).equals(truth)) {
                        wrong.add(state + ": cold " + cold + " + hot " + hot);
                    }
                    polls.incrementAndGet();
                } catch (Exception e) {
                    wrong.add("poll failed: " + e);
                }
            }
        }

        int polls() {
            return polls.get();
        }

        void assertExact() {
            assertThat(wrong).isEmpty();
            assertThat(polls.get()).isGreaterThanOrEqualTo(5);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /**
     * The event's rows in Druid within this run's chunks (the window {@link #reset} cleared): event ids repeat from
     * run to run, and a stack's datasource keeps earlier runs' rows outside the window.
     */
    private Totals druidOfThisRun(String eventId) throws java.sql.SQLException {
        return engines.druid("event_id = '" + eventId + "' AND "
                + DruidChunks.during(base, base.plus(Duration.ofHours(1))));
    }

}
