package dev.junction.spi;

/** One thing an engine can do that the planner may rely on; each connector declares its set. */
public enum Capability {
    /** Runs SQL queries over tables it exposes. */
    SQL_QUERY,
    FILTER_PUSHDOWN,
    PROJECT_PUSHDOWN,
    AGGREGATE_PUSHDOWN,
    JOIN_PUSHDOWN,
    SORT_PUSHDOWN,
    LIMIT_PUSHDOWN,
    /** Sorts grouped rows when a LIMIT follows (top-N), without sorting plain rows by any column. */
    TOP_N_PUSHDOWN,
    /** Aggregates into time buckets natively (e.g. TIME_FLOOR). */
    TIME_BUCKETING,
    /** Distinct counts and quantiles through mergeable sketches. */
    APPROXIMATE_AGGREGATES,
    /** Fast point lookups by key. */
    KEY_LOOKUP,
    /** Entries expire after a time to live. */
    EXPIRY,
    /** Accepts rows written by Junction's ingest path. */
    INGEST,
    /** Publishes and subscribes to event topics. */
    PUBLISH_SUBSCRIBE,
    /** Stops a running query on request. */
    CANCEL
}
