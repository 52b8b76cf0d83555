package dev.junction.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.ignite.IgniteJdbcThinDriver;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The ingest benchmark's baseline, Ignite queried directly: the benchmark's rows written with the thin client's
 * {@code putAll} (the call the gateway's hot store makes) into a scratch table with the hot table's columns and
 * secondary indexes, read from Ignite. What the gateway adds on top is Pulsar, JSON reading, validation and
 * acknowledgements.
 */
final class DirectIgnite {
    /** One column of the hot table: its name and the Java class of its SQL type. */
    private record Column(String name, Class<?> type) {
    }

    /** What one run measured: wall seconds and Ignite's CPU milliseconds (-1 when not measured). */
    record Measured(int rows, double seconds, long igniteCpuMillis) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final String schema;
    private final String table;

    DirectIgnite(String host, String port, String schema, String table) {
        this.address = host + ":" + port;
        this.schema = schema;
        this.table = table;
    }

    /**
     * Writes {@code rows} rows shaped like the benchmark's events in batches of {@code batch} and drops the scratch
     * table again.
     *
     * @param cpu samples the stack's CPU, to read Ignite's share
     */
    Measured measure(int rows, int batch, java.util.function.Supplier<Map<String, Long>> cpu) throws SQLException {
        String scratch = table + "_DIRECT";
        String cacheName = schema + "_" + scratch;
        String valueType = "dev.junction.stack.bench." + cacheName;
        List<Column> columns;
        List<String> indexes;
        try (Connection connection = new IgniteJdbcThinDriver().connect("jdbc:ignite:thin://" + address,
                new Properties())) {
            columns = columns(connection);
            indexes = indexes(connection);
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("Ignite has no table " + schema + "." + table + " (start the gateway first)");
        }
        try (IgniteClient ignite = Ignition.startClient(new ClientConfiguration().setAddresses(address))) {
            String quoted = '"' + schema + "\".\"" + scratch + '"';
            sql(ignite, "DROP TABLE IF EXISTS " + quoted);
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + quoted + " (");
            for (Column column : columns) {
                ddl.append(column.name()).append(' ').append(sqlType(column.type()))
                        .append(column.name().equals("EVENT_ID") ? " PRIMARY KEY" : "").append(", ");
            }
            ddl.setLength(ddl.length() - 2);
            sql(ignite, ddl.append(") WITH \"template=partitioned,backups=0,atomicity=atomic,cache_name=")
                    .append(cacheName).append(",value_type=").append(valueType).append('"').toString());
            for (int i = 0; i < indexes.size(); i++) {
                sql(ignite, "CREATE INDEX \"" + scratch + "_" + i + "\" ON " + quoted + " (" + indexes.get(i) + ")");
            }
            try {
                ClientCache<String, BinaryObject> cache = ignite.<String, BinaryObject>cache(cacheName).withKeepBinary();
                Map<String, Long> before = cpu.get();
                long start = System.nanoTime();
                long now = System.currentTimeMillis();
                for (int first = 0; first < rows; first += batch) {
                    Map<String, BinaryObject> rowsOfBatch = new LinkedHashMap<>();
                    for (int j = first; j < Math.min(rows, first + batch); j++) {
                        rowsOfBatch.put("direct-" + j, row(ignite.binary().builder(valueType), columns, j, now));
                    }
                    cache.putAll(rowsOfBatch);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Long igniteBefore = before.get("ignite");
                Long igniteAfter = cpu.get().get("ignite");
                return new Measured(rows, seconds, igniteBefore == null || igniteAfter == null ? -1
                        : igniteAfter - igniteBefore);
            } finally {
                sql(ignite, "DROP TABLE IF EXISTS " + quoted);
            }
        }
    }

    /** A row of event {@code j}, valued as the gateway writes the benchmark's events (docs/metrics.md, "Rows"). */
    private static BinaryObject row(BinaryObjectBuilder builder, List<Column> columns, int j, long now) {
        Map<String, String> tags = new LinkedHashMap<>(Map.of("service", "bench", "host", "h" + (j % 16)));
        for (Column column : columns) {
            String tag = column.name().toLowerCase(Locale.ROOT);
            Object value = switch (column.name()) {
                case "EVENT_ID" -> null;
                case "TENANT" -> "default";
                case "TS" -> new Timestamp(now);
                case "NAME" -> "bench.direct";
                case "TYPE" -> "count";
                case "VAL" -> 1.0;
                case "LATE" -> false;
                case "TAGS", "WINDOW_MS", "LATE_SEQ" -> null;
                default -> tags.remove(tag);
            };
            if (!column.name().equals("EVENT_ID") && !column.name().equals("TAGS")) {
                setField(builder, column, value);
            }
        }
        ObjectNode otherTags = JSON.createObjectNode();
        tags.forEach(otherTags::put);
        columns.stream().filter(column -> column.name().equals("TAGS")).findFirst()
                .ifPresent(column -> setField(builder, column, otherTags.toString()));
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void setField(BinaryObjectBuilder builder, Column column, Object value) {
        builder.setField(column.name(), (T) value, (Class<T>) column.type());
    }

    /** The hot table's columns in order, from Ignite's JDBC metadata. */
    private List<Column> columns(Connection connection) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("COLUMN_NAME"), javaType(rows.getString("TYPE_NAME"))));
            }
        }
        return columns;
    }

    /** The column lists of the hot table's secondary indexes, from Ignite's {@code SYS.INDEXES} view. */
    private List<String> indexes(Connection connection) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMNS FROM SYS.INDEXES WHERE "
                + "SCHEMA_NAME = ? AND TABLE_NAME = ? AND NOT IS_PK AND INDEX_TYPE = 'SORTED' AND INDEX_NAME <> '_key_PK'"
                + " AND INDEX_NAME NOT LIKE '%AFFINITY%' ORDER BY INDEX_NAME")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // "NAME" ASC, "TS" ASC: the columns, without the primary key Ignite appends to every index.
                    indexes.add(rows.getString(1).replaceAll(", \"(EVENT_ID|_KEY)\" ASC", ""));
                }
            }
        }
        return indexes;
    }

    private static Class<?> javaType(String sqlType) {
        return switch (sqlType.toUpperCase(Locale.ROOT)) {
            case "TIMESTAMP" -> Timestamp.class;
            case "DOUBLE" -> Double.class;
            case "BIGINT" -> Long.class;
            case "BOOLEAN" -> Boolean.class;
            default -> String.class;
        };
    }

    private static String sqlType(Class<?> type) {
        if (type == Timestamp.class) {
            return "TIMESTAMP";
        }
        if (type == Double.class) {
            return "DOUBLE";
        }
        if (type == Long.class) {
            return "BIGINT";
        }
        return type == Boolean.class ? "BOOLEAN" : "VARCHAR";
    }

    private static void sql(IgniteClient ignite, String statement) {
        ignite.query(new SqlFieldsQuery(statement).setSchema("PUBLIC")).getAll();
    }
}
