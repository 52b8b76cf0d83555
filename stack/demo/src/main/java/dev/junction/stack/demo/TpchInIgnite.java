package dev.junction.stack.demo;

import org.apache.ignite.IgniteJdbcThinDriver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** TPC-H tiny's customer, nation and region, read from Trino and loaded into Ignite tables in schema TPCH. */
final class TpchInIgnite {
    /**
     * @param name the table in tpch.tiny and in Ignite's TPCH schema
     * @param rows its row count at the tiny scale
     * @param columns Ignite column definitions, names and types as Trino's tpch connector has them
     * @param template Ignite's cache template: small dimension tables are replicated
     */
    record Table(String name, long rows, String columns, String template) {
    }

    static final List<Table> TABLES = List.of(
            new Table("customer", 1500, "custkey BIGINT PRIMARY KEY, name VARCHAR(25), address VARCHAR(40), "
                    + "nationkey BIGINT, phone VARCHAR(15), acctbal DOUBLE, mktsegment VARCHAR(10), comment VARCHAR(117)",
                    "partitioned"),
            new Table("nation", 25, "nationkey BIGINT PRIMARY KEY, name VARCHAR(25), regionkey BIGINT, "
                    + "comment VARCHAR(152)", "replicated"),
            new Table("region", 5, "regionkey BIGINT PRIMARY KEY, name VARCHAR(25), comment VARCHAR(152)", "replicated"));

    private final String url;
    private final Connection trino;

    TpchInIgnite(String url, Connection trino) {
        this.url = url;
        this.trino = trino;
    }

    void load() throws SQLException {
        // Opened directly: DriverManager's service loading would also initialize the Ignite JDBC client driver.
        try (Connection ignite = new IgniteJdbcThinDriver().connect(url, new Properties())) {
            if (ignite == null) {
                throw new SQLException("the Ignite JDBC driver does not accept " + url);
            }
            for (Table table : TABLES) {
                load(ignite, table);
            }
        }
    }

    private void load(Connection ignite, Table table) throws SQLException {
        String qualified = "TPCH." + table.name().toUpperCase();
        try (Statement statement = ignite.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (" + table.columns() + ") WITH \"template="
                    + table.template() + ",backups=0,cache_name=tpch_" + table.name() + "\"");
            long present = count(statement, qualified);
            if (present == table.rows()) {
                DemoLoader.say(table.name() + ": present in Ignite (" + present + " rows), skipped");
                return;
            }
            statement.execute("DELETE FROM " + qualified);
        }
        long start = System.nanoTime();
        long copied = copy(ignite, table, qualified);
        if (copied != table.rows()) {
            throw new SQLException("Trino returned " + copied + " rows of tpch.tiny." + table.name() + ", expected "
                    + table.rows());
        }
        try (Statement statement = ignite.createStatement()) {
            long loaded = count(statement, qualified);
            if (loaded != table.rows()) {
                throw new SQLException("Ignite holds " + loaded + " rows of " + qualified + " after loading, expected "
                        + table.rows());
            }
        }
        DemoLoader.say(table.name() + ": loaded " + table.rows() + " rows into Ignite ("
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }

    private long copy(Connection ignite, Table table, String qualified) throws SQLException {
        long rows = 0;
        try (Statement read = trino.createStatement();
             ResultSet source = read.executeQuery("SELECT * FROM tpch.tiny." + table.name())) {
            int columns = source.getMetaData().getColumnCount();
            String placeholders = "?" + ", ?".repeat(columns - 1);
            try (PreparedStatement insert = ignite.prepareStatement("INSERT INTO " + qualified + " VALUES (" + placeholders + ")")) {
                while (source.next()) {
                    for (int i = 1; i <= columns; i++) {
                        insert.setObject(i, source.getObject(i));
                    }
                    insert.addBatch();
                    if (++rows % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        return rows;
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
