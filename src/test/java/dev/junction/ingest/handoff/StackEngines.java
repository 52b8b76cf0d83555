package dev.junction.ingest.handoff;

import dev.junction.connector.HttpEndpoint;
import dev.junction.connector.JdbcEndpoint;
import org.apache.ignite.IgniteJdbcThinDriver;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The local stack's engines as the tests that run the gateway as a process of their own reach them directly, on
 * the stack's ports ({@code JUNCTION_<ENGINE>_PORT} when set).
 */
final class StackEngines {
    /** The metadata store (PostgreSQL), as the stack passes it to its gateway in JUNCTION_METADATA_URL. */
    static final String METADATA_URL = "jdbc:postgresql://127.0.0.1:" + port("POSTGRES", 15432) + "/junction";

    private StackEngines() {
    }

    /** Druid's coordinator, which runs the overlord. */
    static HttpEndpoint overlord() {
        return new HttpEndpoint("http://127.0.0.1:" + port("DRUID_COORDINATOR", 18081), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
    }

    /** Ignite through its JDBC thin driver. */
    static JdbcEndpoint ignite() {
        return new JdbcEndpoint(new IgniteJdbcThinDriver(), "jdbc:ignite:thin://127.0.0.1:" + port("IGNITE", 10800),
                new Properties());
    }

    /** The hot table and the datasource of {@code names} in the stack's Ignite and Druid. */
    static HandoffEngines handoffEngines(IngestNames names) {
        return new HandoffEngines(ignite(), new JdbcEndpoint(new org.apache.calcite.avatica.remote.Driver(),
                "jdbc:avatica:remote:url=http://127.0.0.1:" + port("DRUID_BROKER", 18082)
                        + "/druid/v2/sql/avatica/;serialization=json", new Properties()),
                overlord(), names.hot(), names.datasource());
    }

    /** The stored handoff state and lease of the hybrid table of {@code names}. */
    static StoredHandoff storedHandoff(IngestNames names) {
        return new StoredHandoff(METADATA_URL, names.table());
    }

    /**
     * Drops what a run of the gateway left for {@code names}: its Druid datasource and the one late handoffs stage
     * their rows in, its hot rows, its stored handoff state and lease.
     */
    static void forget(IngestNames names) throws Exception {
        try (HttpEndpoint coordinator = overlord()) {
            for (String datasource : List.of(names.datasource(), names.datasource() + "_late")) {
                coordinator.delete("druid/coordinator/v1/datasources/" + datasource);
            }
        }
        handoffEngines(names).clearHot();
        storedHandoff(names).forget();
    }

    static int port(String engine, int standard) {
        return Integer.parseInt(System.getenv().getOrDefault("JUNCTION_" + engine + "_PORT", String.valueOf(standard)));
    }
}
