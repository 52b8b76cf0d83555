package dev.junction.sql;

import dev.junction.spi.EngineRole;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which engine a query over replicated tables prefers: chosen by the planner, or forced by the client. */
public enum QueryMode {
    /** The planner chooses (see {@code ReplicaChoice}). */
    AUTO(Set.of()),
    /** Replicas in the batch engine (Trino). */
    BATCH(Set.of(EngineRole.BATCH)),
    /** Replicas in the engines of recent data: hot (Ignite) or time series (Druid). */
    REALTIME(Set.of(EngineRole.HOT, EngineRole.TIMESERIES)),
    /** Replicas in the in-memory cache engine (Ignite). */
    CACHE(Set.of(EngineRole.CACHE));

    private final Set<EngineRole> roles;

    QueryMode(Set<EngineRole> roles) {
        this.roles = roles;
    }

    /** The roles of the engines this mode reads replicated tables from; empty for {@link #AUTO}. */
    public Set<EngineRole> roles() {
        return roles;
    }

    /** The mode named {@code auto|batch|realtime|cache}, in any case. */
    public static Optional<QueryMode> parse(String name) {
        for (QueryMode mode : values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
