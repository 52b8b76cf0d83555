package dev.junction.ingest.handoff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Who runs a hybrid table's handoffs, until when (table junction_handoff_lease, created by Flyway). */
@Entity
@Table(name = "junction_handoff_lease")
class HandoffLeaseRecord {
    @Id
    @Column(name = "table_name")
    String table;

    @Column(name = "owner", nullable = false)
    String owner;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;
}
