package dev.junction.sql.hybrid;

import dev.junction.ingest.HotTable;
import dev.junction.ingest.IngestConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.Connector;
import dev.junction.spi.SqlEngine;

import java.util.List;
import java.util.Objects;

/**
 * The names behind the hybrid table: its own ({@code schema.table}), the cold tier's path in the catalog
 * ({@code druid.points}) and the hot tier's ({@code ignite.METRICS.POINTS}), and the tag columns both have.
 */
public record HybridDefinition(String schema, String table, Connector cold, List<String> coldPath, Connector hot,
        List<String> hotPath, List<String> tagColumns) {
    public HybridDefinition {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        coldPath = List.copyOf(coldPath);
        hotPath = List.copyOf(hotPath);
        tagColumns = List.copyOf(tagColumns);
    }

    static HybridDefinition of(IngestConfig config, String coldName, Connector hot, Connector cold) {
        String[] parts = config.table().split("\\.");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION,
                    "junction.ingest.table must be schema.table, got '" + config.table() + "'");
        }
        HotTable hotTable = HotTable.of(config);
        return new HybridDefinition(parts[0], parts[1], cold, List.of(coldName, config.coldDatasource()), hot,
                List.of(hot.definition().name(), hotTable.schema(), hotTable.table()),
                config.tagColumns().stream().map(tag -> tag.toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /** schema.table */
    public String qualifiedName() {
        return schema + "." + table;
    }

    SqlEngine coldEngine() {
        return cold.sql().orElseThrow();
    }

    SqlEngine hotEngine() {
        return hot.sql().orElseThrow();
    }
}
