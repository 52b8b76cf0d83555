package dev.junction.ingest.handoff;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.ingest.ChunkClock;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of handoffs and evictions (docs/metrics.md, "Handoff" and "Late events"), for one hybrid table, each
 * safe to repeat after a crash at any point: Druid tasks replace whole chunks, and the state moves only by a
 * compare-and-set after Druid confirmed what it serves.
 */
final class HandoffSteps {
    private static final Logger LOG = Logger.getLogger(HandoffSteps.class);

    /** What steps 1 to 3 of a handoff did, before the state moves (step 4). */
    record Prepared(String kind, Instant start, Instant end, long rows, long seq, List<String> tasks,
            Map<String, Duration> steps) {
    }

    private final ChunkClock clock;
    private final HandoffStates states;
    private final HotChunks hot;
    private final DruidChunks cold;
    private final HandoffFiles files;
    /** Rows each handed-off chunk carried, so that eviction finds stalled writes by a count (until a restart). */
    private final Map<Instant, Long> carried = new ConcurrentHashMap<>();

    HandoffSteps(ChunkClock clock, HandoffStates states, HotChunks hot, DruidChunks cold, HandoffFiles files) {
        this.clock = clock;
        this.states = states;
        this.hot = hot;
        this.cold = cold;
        this.files = files;
    }

    HotChunks hot() {
        return hot;
    }

    /**
     * Does the next handoff that is due, if any: first a late handoff that an earlier round prepared (its rows hold
     * {@code LATE_SEQ = S + 1}, the number the next handoff must use), then the oldest closed chunk at the
     * watermark, then the late rows of the oldest chunk before the watermark.
     *
     * @return the handoff, or empty when nothing is due
     * @throws JunctionException when a step fails (nothing moved; the next round repeats it)
     */
    Optional<Handoff> next(HandoffState state, Instant now) throws SQLException {
        Optional<Instant> prepared = hot.earliestLate(state.seq() + 1, state.watermark());
        if (prepared.isPresent()) {
            return commit(state, prepareLate(state, clock.start(prepared.get())));
        }
        if (!now.isBefore(clock.handoffAt(state.watermark()))) {
            Instant start = state.watermark();
            if (hot.countOnTime(start, clock.end(start)) == 0) {
                return Optional.of(skipEmpty(state, now));
            }
            return commit(state, prepare(state, start));
        }
        Optional<Instant> late = hot.earliestUncarriedLate(state.watermark());
        if (late.isPresent()) {
            return commit(state, prepareLate(state, clock.start(late.get())));
        }
        return Optional.empty();
    }

    /** Steps 1 to 3 of the handoff of the chunk at {@code start} (which must be the watermark): read, task, confirm. */
    Prepared prepare(HandoffState state, Instant start) throws SQLException {
        if (!start.equals(state.watermark())) {
            throw new IllegalArgumentException("chunk " + start + " is not at the watermark of " + state);
        }
        Instant end = clock.end(start);
        long seq = state.seq() + 1;
        if (!clock.boundary(start)) {
            LOG.infof("The watermark of %s, %s, is no boundary of chunks of %s (an earlier chunk length left it): handoff"
                    + " %d carries the rest of its chunk, to %s", state.table(), start, clock.chunk(), seq, end);
        }
        Map<String, Duration> steps = new LinkedHashMap<>();
        long began = System.nanoTime();
        HandoffFiles.Spool rows = files.spool(cold.datasource(), seq);
        try {
            try (rows) {
                hot.onTime(start, end, rows::accept);
            }
            began = lap(steps, "read", began);
            String task = cold.replace(start, end, rows.uris());
            began = lap(steps, "task", began);
            cold.awaitCount(start, end, "handoff_seq = " + seq, rows.rows());
            lap(steps, "confirm", began);
            carried.put(start, rows.rows());
            return new Prepared("chunk", start, end, rows.rows(), seq, List.of(task), steps);
        } finally {
            rows.delete();
        }
    }

    /**
     * Steps 1 to 3 of the late handoff of the chunk at {@code start} (before the watermark): drop the chunk's
     * uncarried late rows that Druid already holds (replays of handed-off events), assign the others to
     * {@code k = S + 1} (which shows them in the hot branch: only rows checked against Druid, so that a replay is
     * never counted in both tiers), stage them, replace the chunk with Druid's own rows up to {@code S} plus the
     * staged ones, confirm both.
     */
    Prepared prepareLate(HandoffState state, Instant start) throws SQLException {
        if (!start.isBefore(state.watermark())) {
            throw new IllegalArgumentException("chunk " + start + " is not before the watermark of " + state);
        }
        // Only the part before the watermark: when a longer chunk length left it inside this chunk (docs/metrics.md,
        // "Changing the chunk length"), the late rows after it wait for the handoff of the chunk's rest, which would
        // otherwise replace them in Druid while the hot tier hides them.
        Instant end = min(clock.end(start), state.watermark());
        long seq = state.seq() + 1;
        Map<String, Duration> steps = new LinkedHashMap<>();
        long began = System.nanoTime();
        Set<String> uncarried = new HashSet<>(hot.uncarriedLateIds(start, end));
        Set<String> replays = cold.existing(start, end, state.seq(), uncarried);
        if (!replays.isEmpty()) {
            hot.delete(replays);
            uncarried.removeAll(replays);
            LOG.infof("Late handoff %d of %s dropped %d late rows Druid already holds: %s", seq, start, replays.size(),
                    abbreviated(replays));
        }
        hot.assignLate(uncarried, seq);
        HandoffFiles.Spool rows = files.spool(cold.stagingDatasource(), seq);
        try {
            try (rows) {
                hot.late(seq, rows::accept);
            }
            began = lap(steps, "read", began);
            if (rows.rows() == 0) {
                return new Prepared("late", start, end, 0, seq, List.of(), steps);
            }
            long kept = cold.count(start, end, "handoff_seq <= " + state.seq());
            String staged = cold.stage(start, end, rows.uris());
            cold.awaitStaged(start, end, seq, rows.rows());
            began = lap(steps, "stage", began);
            String combined = cold.combine(start, end, state.seq(), seq);
            began = lap(steps, "task", began);
            cold.awaitCount(start, end, "handoff_seq = " + seq, rows.rows());
            cold.awaitCount(start, end, "handoff_seq <= " + state.seq(), kept);
            lap(steps, "confirm", began);
            return new Prepared("late", start, end, rows.rows(), seq, List.of(staged, combined), steps);
        } finally {
            rows.delete();
        }
    }

    /**
     * Step 4: moves the state past a prepared handoff (compare-and-set).
     *
     * @return the handoff, or empty when a late handoff found only replays (nothing to move)
     * @throws JunctionException ENGINE_ERROR when another gateway moved the state meanwhile
     */
    Optional<Handoff> commit(HandoffState state, Prepared prepared) {
        if (prepared.kind().equals("late") && prepared.rows() == 0) {
            return Optional.empty();
        }
        long began = System.nanoTime();
        Instant watermark = prepared.kind().equals("chunk") ? prepared.end() : state.watermark();
        HandoffState next = state.advance(watermark, prepared.seq(), Instant.now());
        if (!states.advance(state, next)) {
            throw new JunctionException(ErrorCode.ENGINE_ERROR, "The handoff state of '" + state.table()
                    + "' moved during handoff " + prepared.seq() + "; the next round starts again from the new state");
        }
        Map<String, Duration> steps = new LinkedHashMap<>(prepared.steps());
        lap(steps, "advance", began);
        return Optional.of(new Handoff(prepared.kind(), prepared.start(), prepared.end(), prepared.rows(), next,
                prepared.tasks(), steps));
    }

    /** Moves the watermark over the closed chunks without on-time rows from the watermark on, without a task. */
    private Handoff skipEmpty(HandoffState state, Instant now) throws SQLException {
        long began = System.nanoTime();
        Instant end = clock.end(state.watermark());
        while (!now.isBefore(clock.handoffAt(end)) && hot.countOnTime(end, clock.end(end)) == 0) {
            end = clock.end(end);
        }
        HandoffState next = state.skip(end, Instant.now());
        if (!states.advance(state, next)) {
            throw new JunctionException(ErrorCode.ENGINE_ERROR, "The handoff state of '" + state.table()
                    + "' moved while skipping empty chunks; the next round starts again from the new state");
        }
        Map<String, Duration> steps = new LinkedHashMap<>();
        lap(steps, "advance", began);
        return new Handoff("empty", state.watermark(), end, 0, next, List.of(), steps);
    }

    /**
     * Step 5 for the state {@code evictable} (reached at least the eviction delay ago): deletes the on-time rows
     * before its watermark that Druid holds and the late rows of its handoffs; an on-time row that no handoff
     * carried (a write that stalled past the safety margin) becomes a late row instead, for a late handoff.
     *
     * @return how many rows were deleted or turned late
     */
    long evict(HandoffState evictable) throws SQLException {
        long deleted = 0;
        Optional<Instant> earliest = hot.earliestOnTime(evictable.watermark());
        for (Instant start = earliest.map(clock::start).orElse(evictable.watermark());
             start.isBefore(evictable.watermark()); start = clock.end(start)) {
            // A watermark off the chunk boundaries (docs/metrics.md, "Changing the chunk length") ends the part of
            // its chunk that Druid holds: the rows after it are still hot.
            Instant end = min(clock.end(start), evictable.watermark());
            long rows = hot.countOnTime(start, end);
            if (rows == 0) {
                continue;
            }
            Long carriedRows = carried.get(start);
            if (carriedRows != null && carriedRows == rows) {
                deleted += hot.evictOnTime(start, end);
            } else {
                List<String> ids = hot.onTimeIds(start, end);
                Set<String> inDruid = cold.existing(start, end, evictable.seq(), ids);
                Set<String> stalled = new HashSet<>(ids);
                stalled.removeAll(inDruid);
                if (!stalled.isEmpty()) {
                    deleted += hot.markLate(stalled);
                    LOG.warnf("%d rows of chunk %s were written after its handoff (a write stalled past the safety"
                            + " margin): they are late rows now", stalled.size(), start);
                }
                deleted += hot.delete(inDruid);
            }
            carried.remove(start);
        }
        return deleted + hot.evictLate(evictable.seq());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Up to ten ids, for a log line. */
    private static String abbreviated(Set<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.stream().limit(10).toList() + " and " + (ids.size() - 10) + " more";
    }

    private static long lap(Map<String, Duration> steps, String step, long began) {
        long now = System.nanoTime();
        steps.put(step, Duration.ofNanos(now - began));
        return now;
    }
}
