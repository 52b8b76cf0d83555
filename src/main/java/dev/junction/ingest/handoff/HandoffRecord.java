package dev.junction.ingest.handoff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A hybrid table's row in the metadata store (table junction_handoff, created by Flyway, never by Hibernate). */
@Entity
@Table(name = "junction_handoff")
class HandoffRecord {
    @Id
    @Column(name = "table_name")
    String table;

    @Column(name = "watermark", nullable = false)
    Instant watermark;

    @Column(name = "seq", nullable = false)
    long seq;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
