package dev.junction.history;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A query's row in the metadata store (table junction_query, created by Flyway, never by Hibernate). */
@Entity
@Table(name = "junction_query")
class QueryRecord {
    @Id
    @Column(name = "id")
    String id;

    @Column(name = "sql_text", nullable = false)
    String sql;

    @Column(name = "state", nullable = false)
    String state;

    @Column(name = "error_code")
    String errorCode;

    @Column(name = "error_message")
    String errorMessage;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "ended_at")
    Instant endedAt;

    @Column(name = "planning_ms", nullable = false)
    long planningMs;

    @Column(name = "execution_ms", nullable = false)
    long executionMs;

    @Column(name = "row_count", nullable = false)
    long rowCount;

    @Column(name = "shape")
    String shape;

    // Loaded for many queries of a page at once rather than one select per query.
    @ElementCollection
    @CollectionTable(name = "junction_query_fragment", joinColumns = @JoinColumn(name = "query_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    List<FragmentRecord> fragments = new ArrayList<>();
}
