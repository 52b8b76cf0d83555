package dev.junction.history;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A fragment's row in the metadata store (table junction_query_fragment), part of its query's record. */
@Embeddable
class FragmentRecord {
    @Column(name = "engine", nullable = false)
    String engine;

    @Column(name = "engine_query_id")
    String engineQueryId;

    @Column(name = "sql_text", nullable = false)
    String sql;

    @Column(name = "row_count", nullable = false)
    long rows;

    @Column(name = "ms", nullable = false)
    long ms;

    @Column(name = "state", nullable = false)
    String state;

    @Column(name = "cancelled", nullable = false)
    boolean cancelled;
}
