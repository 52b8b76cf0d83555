package dev.junction.sql;

/** How a plan uses the engines. */
public enum PlanShape {
    /** The whole query is one statement run by one engine. */
    ROUTE,
    /** One fragment per engine, merged by the gateway's own operators. */
    SPLIT,
    /** One engine's fragment with some work (a function or operator the engine lacks) done in the gateway. */
    ENGINE_AND_GATEWAY,
    /** No engine: the gateway computes the result alone (e.g. VALUES). */
    GATEWAY_ONLY
}
