package dev.junction.ingest.handoff;

import java.time.Instant;
import java.util.Optional;

/**
 * What the hot table has been refilled from (docs/metrics.md, "Ignite restarts"), kept in Ignite beside it so that
 * both are lost together.
 *
 * @param from the publish time the subscription was rewound to
 * @param startedAt when the replay started
 * @param until the topic's last message when it started ({@code ledger:entry}); empty when nothing was rewound
 * @param done whether the subscription has acknowledged everything up to {@code until} again
 */
public record ReplayMark(Instant from, Instant startedAt, Optional<String> until, boolean done) {
    /** The same mark, done. */
    ReplayMark finished() {
        return new ReplayMark(from, startedAt, until, true);
    }
}
