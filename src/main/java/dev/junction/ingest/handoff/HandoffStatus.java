package dev.junction.ingest.handoff;

import java.time.Instant;
import java.util.Optional;

/**
 * What this gateway knows of a hybrid table's handoffs, for operators.
 *
 * @param table the hybrid table
 * @param state its handoff state as last read, empty before the first round
 * @param leader whether this gateway held the handoff lease in its last round
 * @param lastHandoff the last handoff this gateway did
 * @param pendingChunks closed chunks past their handoff time that are not in Druid yet
 * @param lastError why the last round failed, empty when it succeeded
 * @param lastRound when the last round ended
 * @param replay the hot table's replay mark as this gateway last saw it (only the leader reads it)
 */
public record HandoffStatus(String table, Optional<HandoffState> state, boolean leader, Optional<Handoff> lastHandoff,
        long pendingChunks, Optional<String> lastError, Optional<Instant> lastRound, Optional<ReplayMark> replay) {
}
