package dev.junction.ingest;

import dev.junction.connector.ignite.IgniteStartup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The hot store's Ignite SQL table (docs/metrics.md, "Rows"): one row per event, keyed by its id. Its DDL is
 * idempotent ({@code IF NOT EXISTS}), run whenever the gateway connects to Ignite, because Ignite keeps the
 * table in memory only and loses it when it restarts.
 */
public record HotTable(String schema, String table, List<String> tagColumns) {
    /** Columns in table order; the tag columns go between {@code VAL} and {@code TAGS}. */
    public static final String EVENT_ID = "EVENT_ID";
    public static final String TENANT = "TENANT";
    public static final String TS = "TS";
    public static final String NAME = "NAME";
    public static final String TYPE = "TYPE";
    public static final String VAL = "VAL";
    public static final String TAGS = "TAGS";
    public static final String WINDOW_MS = "WINDOW_MS";
    public static final String LATE = "LATE";
    public static final String LATE_SEQ = "LATE_SEQ";
    /**
     * The {@code LATE_SEQ} of a late row written while the hot table is refilled after Ignite lost it (docs/metrics.md,
     * "Ignite restarts"): it may be a replay of an event Druid holds, so it stays hidden ({@code LATE_SEQ <= S})
     * until a late handoff has checked it against Druid, like a late row whose {@code LATE_SEQ} is null otherwise.
     */
    public static final long UNVERIFIED = 0;
    /** The one row of the replay mark's table. */
    public static final String REPLAY_ROW = "replay";

    public HotTable {
        tagColumns = tagColumns.stream().map(tag -> tag.toUpperCase(Locale.ROOT)).toList();
    }

    /** The table of {@code junction.ingest.hot-table} ({@code SCHEMA.TABLE}) with the configured tag columns. */
    public static HotTable of(IngestConfig config) {
        String[] parts = config.hotTable().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("junction.ingest.hot-table must be SCHEMA.TABLE: " + config.hotTable());
        }
        return new HotTable(parts[0].toUpperCase(Locale.ROOT), parts[1].toUpperCase(Locale.ROOT), config.tagColumns());
    }

    /** {@code "SCHEMA"."TABLE"}, for SQL. */
    public String qualifiedName() {
        return '"' + schema + "\".\"" + table + '"';
    }

    /** The name of the Ignite cache behind the table ({@code METRICS_POINTS}), for key-value access. */
    public String cacheName() {
        return schema + "_" + table;
    }

    /**
     * The replay mark's table, {@code "SCHEMA"."TABLE_REPLAY"}: one row ({@link #REPLAY_ROW}) saying from where the hot
     * table was last refilled and whether that is done. Ignite loses it with the hot table, which is how a restart
     * shows.
     */
    public String replayTable() {
        return '"' + schema + "\".\"" + table + "_REPLAY\"";
    }

    /** The cache behind {@link #replayTable()}, for key-value reads. */
    public String replayCacheName() {
        return cacheName() + "_REPLAY";
    }

    /** The statement that creates {@link #replayTable()}, a no-op when it exists. */
    public String replayDdl() {
        return "CREATE TABLE IF NOT EXISTS " + replayTable() + " (ID VARCHAR PRIMARY KEY, REPLAY_FROM TIMESTAMP, "
                + "STARTED_AT TIMESTAMP, UNTIL VARCHAR, DONE BOOLEAN) WITH \"template=partitioned,backups=0,"
                + "cache_name=" + replayCacheName() + "\"";
    }

    /**
     * Runs {@link #ddl()} over a JDBC connection to Ignite, once its nodes have settled ({@link IgniteStartup}).
     */
    public void create(Connection connection) throws SQLException {
        IgniteStartup.awaitSettled(connection);
        try (Statement statement = connection.createStatement()) {
            for (String ddl : ddl()) {
                statement.execute(ddl);
            }
        }
    }

    /** The binary type name of a row's value, for writes through the cache API. */
    public String valueType() {
        return "dev.junction.ingest." + cacheName();
    }

    /**
     * The statements that create the table and its indexes, each a no-op when it exists. The key is the plain
     * {@code EVENT_ID} string: naming {@code key_type} too makes Ignite 2.17 refuse every SQL INSERT ("Failed to
     * prepare update plan").
     */
    public List<String> ddl() {
        StringBuilder columns = new StringBuilder()
                .append(EVENT_ID).append(" VARCHAR PRIMARY KEY, ")
                .append(TENANT).append(" VARCHAR, ")
                .append(TS).append(" TIMESTAMP, ")
                .append(NAME).append(" VARCHAR, ")
                .append(TYPE).append(" VARCHAR, ")
                .append(VAL).append(" DOUBLE, ");
        for (String tag : tagColumns) {
            columns.append(tag).append(" VARCHAR, ");
        }
        columns.append(TAGS).append(" VARCHAR, ")
                .append(WINDOW_MS).append(" BIGINT, ")
                .append(LATE).append(" BOOLEAN, ")
                .append(LATE_SEQ).append(" BIGINT");
        String index = schema + "_" + table + "_";
        return List.of(
                // No key_type: with one for a one-column primary key Ignite wraps the key in an object of that
                // type, so that keys written through the cache API (plain strings) read as EVENT_ID null in SQL.
                "CREATE TABLE IF NOT EXISTS " + qualifiedName() + " (" + columns + ") WITH \"template=partitioned,backups=0,"
                        + "atomicity=atomic,cache_name=" + cacheName() + ",value_type=" + valueType() + "\"",
                "CREATE INDEX IF NOT EXISTS \"" + index + "TS\" ON " + qualifiedName() + " (" + TS + ")",
                "CREATE INDEX IF NOT EXISTS \"" + index + "NAME_TS\" ON " + qualifiedName() + " (" + NAME + ", " + TS + ")");
    }
}
