package dev.junction.ingest;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * The ingest settings checked once, at startup: an invalid chunk or hot table name fails the gateway's start with
 * the key and the reason rather than the first handoff.
 */
@Startup
@Singleton
public class IngestSettings {
    private final IngestConfig config;
    private final ChunkClock clock;
    private final HotTable hotTable;

    IngestSettings(IngestConfig config) {
        this.config = config;
        this.clock = ChunkClock.of(config);
        this.hotTable = HotTable.of(config);
    }

    public IngestConfig config() {
        return config;
    }

    public ChunkClock clock() {
        return clock;
    }

    public HotTable hotTable() {
        return hotTable;
    }
}
