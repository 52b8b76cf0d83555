package dev.junction.ingest.handoff;

import dev.junction.config.GatewayConfig;
import dev.junction.history.MetadataStore;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.hibernate.Session;

import java.time.Duration;
import java.time.Instant;

/**
 * The right to run a hybrid table's handoffs, one gateway at a time: a lease row in the metadata store (table
 * junction_handoff_lease) that its owner renews every round and another gateway takes only once it has expired.
 * Plain conditional updates and an insert, so it works the same on PostgreSQL and H2.
 */
@Singleton
public class HandoffLeases {
    private final Session session;

    HandoffLeases(GatewayConfig config, @Any Instance<Session> sessions) {
        MetadataStore store = MetadataStore.of(config.metadata().url());
        this.session = sessions.select(new PersistenceUnit.PersistenceUnitLiteral(store.unit())).get();
    }

    /**
     * Takes or renews the lease of {@code table} for {@code owner} until {@code now + duration}.
     *
     * @return whether {@code owner} holds it now; false while another owner's lease has not expired
     */
    public boolean acquire(String table, String owner, Instant now, Duration duration) {
        Instant expiresAt = now.plus(duration);
        int updated = QuarkusTransaction.requiringNew().call(() -> session.createMutationQuery(
                        "update HandoffLeaseRecord set owner = :owner, expiresAt = :expiresAt"
                                + " where table = :table and (owner = :owner or expiresAt < :now)")
                .setParameter("owner", owner)
                .setParameter("expiresAt", expiresAt)
                .setParameter("table", table)
                .setParameter("now", now)
                .executeUpdate());
        if (updated == 1) {
            return true;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (session.find(HandoffLeaseRecord.class, table) != null) {
                    return false;
                }
                HandoffLeaseRecord record = new HandoffLeaseRecord();
                record.table = table;
                record.owner = owner;
                record.expiresAt = expiresAt;
                session.persist(record);
                return true;
            });
        } catch (RuntimeException e) {
            // Another gateway inserted the row first (a primary key violation): it holds the lease.
            return false;
        }
    }

    /** Gives the lease up, so that another gateway may take it at once (at shutdown). */
    public void release(String table, String owner) {
        QuarkusTransaction.requiringNew().run(() -> session.createMutationQuery(
                        "delete from HandoffLeaseRecord where table = :table and owner = :owner")
                .setParameter("table", table)
                .setParameter("owner", owner)
                .executeUpdate());
    }
}
