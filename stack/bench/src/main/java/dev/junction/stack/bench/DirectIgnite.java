package dev.junction.stack.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * acknowledgements. Two more shapes say what the hot table's shape costs: the same rows with the primary key as
 * their only index, and the events packed {@value #PACKED} to an entry (their rows' values as one JSON array, the
 * write a hot tier of batches instead of rows would make).
 */
final class DirectIgnite {
    /** How the rows are stored. */
    enum Shape {
        /** One row per event, with the hot table's columns and secondary indexes. */
        HOT_TABLE,
        /** One row per event, indexed by the primary key only. */
        PRIMARY_KEY_ONLY,
        /** {@value #PACKED} events per entry, as one binary value, indexed by the primary key and time. */
        PACKED
    }

    /** Events per entry of {@link Shape#PACKED}. */
    static final int PACKED = 1_000;

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
    Measured measure(int rows, int batch, Shape shape, java.util.function.Supplier<Map<String, Long>> cpu)
            throws SQLException {
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
            List<Column> stored = shape == Shape.PACKED ? List.of(new Column("EVENT_ID", String.class),
                    new Column("TS", Timestamp.class), new Column("EVENTS", byte[].class)) : columns;
            for (Column column : stored) {
                ddl.append(column.name()).append(' ').append(sqlType(column.type()))
                        .append(column.name().equals("EVENT_ID") ? " PRIMARY KEY" : "").append(", ");
            }
            ddl.setLength(ddl.length() - 2);
            sql(ignite, ddl.append(") WITH \"template=partitioned,backups=0,atomicity=atomic,cache_name=")
                    .append(cacheName).append(",value_type=").append(valueType).append('"').toString());
            List<String> secondary = switch (shape) {
                case HOT_TABLE -> indexes;
                case PRIMARY_KEY_ONLY -> List.of();
                case PACKED -> List.of("TS");
            };
            for (int i = 0; i < secondary.size(); i++) {
                sql(ignite, "CREATE INDEX \"" + scratch + "_" + i + "\" ON " + quoted + " (" + secondary.get(i) + ")");
            }
            try {
                ClientCache<String, BinaryObject> cache = ignite.<String, BinaryObject>cache(cacheName).withKeepBinary();
                Map<String, Long> before = cpu.get();
                long start = System.nanoTime();
                long now = System.currentTimeMillis();
                for (int first = 0; first < rows; first += batch) {
                    Map<String, BinaryObject> rowsOfBatch = new LinkedHashMap<>();
                    int end = Math.min(rows, first + batch);
                    if (shape == Shape.PACKED) {
                        for (int j = first; j < end; j += PACKED) {
                            rowsOfBatch.put("direct-" + j, packed(ignite.binary().builder(valueType), columns, j,
                                    Math.min(end, j + PACKED), now));
                        }
                    } else {
                        for (int j = first; j < end; j++) {
                            rowsOfBatch.put("direct-" + j, row(ignite.binary().builder(valueType), columns, j, now));
                        }
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

    /** Events {@code first} to {@code end} (exclusive) as one entry: their rows' values as a JSON array of arrays. */
    private static BinaryObject packed(BinaryObjectBuilder builder, List<Column> columns, int first, int end,
            long now) {
        ArrayNode events = JSON.createArrayNode();
        for (int j = first; j < end; j++) {
            ArrayNode row = events.addArray();
            values(columns, j, now).values().forEach(value -> row.addPOJO(value instanceof Timestamp time
                    ? time.getTime() : value));
        }
        builder.setField("TS", new Timestamp(now), Timestamp.class);
        try {
            builder.setField("EVENTS", JSON.writeValueAsBytes(events), byte[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return builder.build();
    }

    /** A row of event {@code j}, valued as the gateway writes the benchmark's events (docs/metrics.md, "Rows"). */
    private static BinaryObject row(BinaryObjectBuilder builder, List<Column> columns, int j, long now) {
        Map<String, Object> values = values(columns, j, now);
        for (Column column : columns) {
            if (values.containsKey(column.name())) {
                setField(builder, column, values.get(column.name()));
            }
        }
        return builder.build();
    }

    /** The column values of event {@code j}'s row by column name, in column order; the key (EVENT_ID) is not one. */
    private static Map<String, Object> values(List<Column> columns, int j, long now) {
        Map<String, String> tags = new LinkedHashMap<>(Map.of("service", "bench", "host", "h" + (j % 16)));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : columns) {
            String tag = column.name().toLowerCase(Locale.ROOT);
            switch (column.name()) {
                case "EVENT_ID" -> {
                }
                case "TENANT" -> values.put(column.name(), "default");
                case "TS" -> values.put(column.name(), new Timestamp(now));
                case "NAME" -> values.put(column.name(), "bench.direct");
                case "TYPE" -> values.put(column.name(), "count");
                case "VAL" -> values.put(column.name(), 1.0);
                case "LATE" -> values.put(column.name(), false);
                case "TAGS", "WINDOW_MS", "LATE_SEQ" -> values.put(column.name(), null);
                default -> values.put(column.name(), tags.remove(tag));
            }
        }
        ObjectNode otherTags = JSON.createObjectNode();
        tags.forEach(otherTags::put);
        if (values.containsKey("TAGS")) {
            values.put("TAGS", otherTags.toString());
        }
        return values;
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
        if (type == byte[].class) {
            return "BINARY";
        }
        return type == Boolean.class ? "BOOLEAN" : "VARCHAR";
    }

    private static void sql(IgniteClient ignite, String statement) {
        ignite.query(new SqlFieldsQuery(statement).setSchema("PUBLIC")).getAll();
    }
}
