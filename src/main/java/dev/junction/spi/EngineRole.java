package dev.junction.spi;

/** What an engine is used for in Junction; a connector file declares one or more. */
public enum EngineRole {
    /** Large joins and scans over lakes and other databases. */
    BATCH,
    /** Historical time series and time-bucketed aggregation. */
    TIMESERIES,
    /** The most recent metrics, seconds old. */
    HOT,
    /** Cached query results. */
    CACHE,
    /** Live metric events in, anomaly and alert events out. */
    STREAM,
    /** Junction's own state: dashboards, alerts, query history. */
    METADATA
}
