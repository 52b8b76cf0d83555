package dev.junction.sql;

import java.util.Locale;
import java.util.Optional;

/** Which engine a query over replicated tables prefers: chosen by cost, or forced by the client. */
public enum QueryMode {
    AUTO,
    BATCH,
    REALTIME,
    CACHE;

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
