package dev.junction.sql.hybrid;

import dev.junction.ingest.handoff.HandoffState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One statement's planning of the hybrid table, found by the table in the planner's context: reads the handoff
 * state once, so that every reference to the table in the statement splits at the same {@code (W, S)}, and
 * records which tiers were read.
 */
public final class HybridPlanning {
    private final HybridTables tables;
    private final boolean partialAccepted;
    private HandoffState state;
    private final List<String> tiers = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    public HybridPlanning(HybridTables tables, boolean partialAccepted) {
        this.tables = tables;
        this.partialAccepted = partialAccepted;
    }

    /** The state this statement splits at, read on first use. */
    HandoffState state() {
        if (state == null) {
            state = tables.state();
        }
        return state;
    }

    /**
     * Whether a tier is read: always, unless the request accepted a partial answer and the tier's engine is
     * down now.
     */
    boolean include(String tier, String connector) {
        if (partialAccepted && !tables.available(connector)) {
            if (!missing.contains(tier)) {
                missing.add(tier);
            }
            return false;
        }
        if (!tiers.contains(tier)) {
            tiers.add(tier);
        }
        return true;
    }

    /** How the statement read the hybrid table; empty when it does not read it. */
    public Optional<HybridRead> read() {
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new HybridRead(state.table(), state.watermark(), state.seq(), tiers, missing));
    }
}
