package dev.junction.stack.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;

/** TPC-H tiny's lineitem and orders, read from Trino and loaded into Druid with their date as __time. */
final class TpchInDruid {
    static final Table LINEITEM = new Table("lineitem", "shipdate", 60175, new IndexTask("lineitem", "shipdate")
            .segmentGranularity("YEAR")
            .dimension("orderkey", "long").dimension("partkey", "long").dimension("suppkey", "long")
            .dimension("linenumber", "long").dimension("quantity", "double").dimension("extendedprice", "double")
            .dimension("discount", "double").dimension("tax", "double").dimension("returnflag", "string")
            .dimension("linestatus", "string").dimension("commitdate", "string").dimension("receiptdate", "string")
            .dimension("shipinstruct", "string").dimension("shipmode", "string").dimension("comment", "string"));
    static final Table ORDERS = new Table("orders", "orderdate", 15000, new IndexTask("orders", "orderdate")
            .segmentGranularity("YEAR")
            .dimension("orderkey", "long").dimension("custkey", "long").dimension("orderstatus", "string")
            .dimension("totalprice", "double").dimension("orderpriority", "string").dimension("clerk", "string")
            .dimension("shippriority", "long").dimension("comment", "string"));
    /** Every TPC-H date lies in 1992–1998. */
    private static final String INTERVAL = "1992-01-01/1999-01-01";

    /**
     * @param name the table in tpch.tiny and the datasource in Druid
     * @param timeColumn the date column that becomes __time
     * @param rows the table's row count at the tiny scale
     * @param task how Druid ingests it
     */
    record Table(String name, String timeColumn, long rows, IndexTask task) {
    }

    private final DruidClient druid;
    private final Connection trino;
    private final Path dataDir;

    TpchInDruid(DruidClient druid, Connection trino, Path dataDir) {
        this.druid = druid;
        this.trino = trino;
        this.dataDir = dataDir;
    }

    void load(Table table) throws Exception {
        long present = druid.count(table.name());
        if (present == table.rows()) {
            DemoLoader.say(table.name() + ": present in Druid (" + present + " rows), skipped");
            return;
        }
        long start = System.nanoTime();
        Path file = dataDir.resolve(table.name()).resolve(table.name() + ".json");
        long written = export(table.name(), file);
        if (written != table.rows()) {
            throw new IllegalStateException("Trino returned " + written + " rows of tpch.tiny." + table.name()
                    + ", expected " + table.rows());
        }
        druid.runTask(table.task().spec(file, INTERVAL));
        druid.awaitCount(table.name(), table.rows());
        DemoLoader.say(table.name() + ": loaded " + table.rows() + " rows into Druid ("
                + (System.nanoTime() - start) / 1_000_000_000 + " s)");
    }

    /** Writes the Trino table as newline-delimited JSON, dates as "YYYY-MM-DD"; returns the row count. */
    private long export(String table, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        long rows = 0;
        try (Statement statement = trino.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT * FROM tpch.tiny." + table);
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ResultSetMetaData columns = resultSet.getMetaData();
            while (resultSet.next()) {
                ObjectNode row = DruidClient.JSON.createObjectNode();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    String name = columns.getColumnName(i);
                    switch (columns.getColumnType(i)) {
                        case Types.BIGINT, Types.INTEGER -> row.put(name, resultSet.getLong(i));
                        case Types.DOUBLE -> row.put(name, resultSet.getDouble(i));
                        default -> row.put(name, resultSet.getString(i));
                    }
                }
                out.write(DruidClient.JSON.writeValueAsString(row));
                out.newLine();
                rows++;
            }
        }
        return rows;
    }
}
