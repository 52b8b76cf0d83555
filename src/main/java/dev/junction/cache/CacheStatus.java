package dev.junction.cache;

import java.util.Locale;

/** Where a query's answer came from, as {@code metadata.cache} says it. */
public enum CacheStatus {
    /** From the result cache (or from the one execution a concurrent identical query was waiting on). */
    HIT,
    /** From the engines, and now in the cache (unless larger than the size limit). */
    MISS,
    /** From the engines, without the cache: asked for, non-deterministic, cache disabled or down. */
    BYPASS;

    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
