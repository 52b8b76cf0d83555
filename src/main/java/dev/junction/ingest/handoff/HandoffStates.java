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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handoff state of every hybrid table, in the metadata store (table junction_handoff), so that it survives
 * a restart and every gateway sees the same. Reads are served from memory for up to {@code maxAge} (queries ask
 * for it on every plan); the eviction delay of hot rows covers that staleness (docs/metrics.md).
 */
@Singleton
public class HandoffStates {
    /** How old a state {@link #current} answers may be. */
    public static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Read(HandoffState state, long atNanos) {
    }

    private final Session session;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    HandoffStates(GatewayConfig config, @Any Instance<Session> sessions) {
        MetadataStore store = MetadataStore.of(config.metadata().url());
        this.session = sessions.select(new PersistenceUnit.PersistenceUnitLiteral(store.unit())).get();
    }

    /**
     * The table's state, at most a second old; created with {@code initialWatermark} and sequence 0 when the
     * table has none yet.
     */
    public HandoffState current(String table, Instant initialWatermark) {
        Read read = reads.get(table);
        if (read != null && System.nanoTime() - read.atNanos() < MAX_AGE.toNanos()) {
            return read.state();
        }
        return reload(table, initialWatermark);
    }

    /** The table's state as the metadata store has it now. */
    public HandoffState reload(String table, Instant initialWatermark) {
        HandoffState state = QuarkusTransaction.requiringNew().call(() -> {
            HandoffRecord record = session.find(HandoffRecord.class, table);
            if (record == null) {
                record = new HandoffRecord();
                record.table = table;
                record.watermark = initialWatermark;
                record.seq = 0;
                record.updatedAt = Instant.now();
                session.persist(record);
            }
            return new HandoffState(record.table, record.watermark, record.seq, record.updatedAt);
        });
        reads.put(table, new Read(state, System.nanoTime()));
        return state;
    }

    /**
     * Moves the state from {@code expected} to {@code next} if nobody moved it meanwhile (compare-and-set on the
     * sequence number and the watermark: an empty chunk moves only the watermark).
     *
     * @return whether it moved; false when another handoff got there first
     */
    public boolean advance(HandoffState expected, HandoffState next) {
        int updated = QuarkusTransaction.requiringNew().call(() -> session.createMutationQuery(
                        "update HandoffRecord set watermark = :watermark, seq = :seq, updatedAt = :updatedAt"
                                + " where table = :table and seq = :expected and watermark = :expectedWatermark")
                .setParameter("watermark", next.watermark())
                .setParameter("seq", next.seq())
                .setParameter("updatedAt", next.updatedAt())
                .setParameter("table", expected.table())
                .setParameter("expected", expected.seq())
                .setParameter("expectedWatermark", expected.watermark())
                .executeUpdate());
        reads.remove(expected.table());
        return updated == 1;
    }
}
