package dev.junction.ingest.handoff;

import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.TopicCursor.Position;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refills the hot table after Ignite lost it (docs/metrics.md, "Ignite restarts"). Ignite keeps the table in memory,
 * so a restart loses events that were acknowledged in Pulsar but not handed off yet. Pulsar keeps acknowledged
 * messages for {@link #retention} (a topic policy set here); when the replay mark is missing from Ignite, the
 * subscription is rewound to {@link #from the publish time} from which every event the hot table should hold was
 * published, and the gateways consume from there again. Replays are idempotent: an event the hot table has
 * overwrites itself, and one Druid already holds is dropped by the late handoff. Handoffs wait until the
 * subscription has acknowledged everything the topic held when the replay began, so that no chunk is handed off
 * while its rows are still coming back.
 */
final class HotReplay {
    private static final Logger LOG = Logger.getLogger(HotReplay.class);

    private final HotChunks hot;
    private final TopicCursor topic;
    private final ChunkClock clock;
    private final Duration maxFuture;
    private volatile boolean retained;
    private volatile Optional<ReplayMark> mark = Optional.empty();

    /**
     * @param maxFuture {@code junction.ingest.max-future}: how far past its publish time an event's timestamp may be
     */
    HotReplay(HotChunks hot, TopicCursor topic, ChunkClock clock, Duration maxFuture) {
        this.hot = hot;
        this.topic = topic;
        this.clock = clock;
        this.maxFuture = maxFuture;
    }

    /**
     * How long Pulsar keeps acknowledged messages: from the oldest publish time a replay rewinds to until the
     * handoff of the chunk after the watermark, one chunk more for a late handoff (or a handoff) that is behind.
     */
    Duration retention() {
        return clock.chunk().multipliedBy(3).plus(clock.grace()).plus(clock.safetyMargin()).plus(maxFuture);
    }

    /**
     * The publish time a replay rewinds to for {@code state}: every on-time hot row ({@code ts >= watermark}) was
     * published at most {@code max-future} before its timestamp, and late rows not handed off yet arrived after
     * the chunk before the watermark closed.
     */
    Instant from(HandoffState state) {
        return state.watermark().minus(clock.chunk()).minus(maxFuture);
    }

    /** The replay mark as last read or written, for the handoff status. */
    Optional<ReplayMark> mark() {
        return mark;
    }

    /**
     * Starts a replay when Ignite has no replay mark, and finishes one whose messages have all been acknowledged.
     *
     * @return whether handoffs may run: no replay is under way
     */
    boolean settled(HandoffState state, Instant now) throws SQLException, IOException, InterruptedException {
        retain();
        Optional<ReplayMark> current = hot.replayMark();
        if (current.isEmpty()) {
            return start(state, now);
        }
        mark = current;
        if (current.get().done()) {
            return true;
        }
        Optional<String> until = current.get().until();
        if (until.isPresent() && !topic.acknowledged(Position.parse(until.get()))) {
            return false;
        }
        ReplayMark finished = current.get().finished();
        hot.putReplayMark(finished);
        mark = Optional.of(finished);
        LOG.infof("Replay into the hot table finished: the subscription acknowledged every message up to %s again "
                + "(%s s after it began); handoffs go on", until.orElse("the end"),
                Duration.between(finished.startedAt(), now).toSeconds());
        return true;
    }

    private boolean start(HandoffState state, Instant now) throws SQLException, IOException, InterruptedException {
        Instant rewindTo = from(state);
        Optional<Position> end = topic.rewind(rewindTo);
        ReplayMark started = new ReplayMark(rewindTo, now, end.map(Position::toString), end.isEmpty());
        hot.putReplayMark(started);
        mark = Optional.of(started);
        if (end.isPresent()) {
            LOG.warnf("The hot table has no replay mark: Ignite lost it (a restart), or it is new. The subscription "
                    + "was rewound to messages published from %s on, to refill it; handoffs wait until every message "
                    + "up to %s is acknowledged again", rewindTo, end.get());
        } else {
            LOG.infof("The hot table has no replay mark and the topic or subscription is new: nothing to replay");
        }
        return end.isEmpty();
    }

    /** Sets the topic's retention once per gateway; a failure is logged and tried again next round. */
    private void retain() {
        if (retained) {
            return;
        }
        try {
            topic.retain(retention());
            retained = true;
            LOG.infof("The ingest topic keeps acknowledged messages for %s, for replays", retention());
        } catch (IOException e) {
            LOG.warnf("The ingest topic's retention was not set (tried again next round): %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
