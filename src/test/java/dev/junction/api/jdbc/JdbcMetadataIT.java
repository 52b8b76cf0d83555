package dev.junction.api.jdbc;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DatabaseMetaData through the stock Avatica driver, as BI tools read it when they connect: the demo schema
 * {@code tpch} with its tables and their columns' JDBC types, consistent with what queries over them return.
 */
@QuarkusTest
class JdbcMetadataIT {
    private static final List<String> TPCH_TABLES =
            List.of("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");

    @TestHTTPResource("/jdbc")
    URI endpoint;

    @Test
    void tablesOfTheDemoSchemaAreTablesOfSchemaTpch() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint)) {
            DatabaseMetaData metadata = connection.getMetaData();
            List<List<String>> tables = rows(metadata.getTables(null, "tpch", "%", new String[] {"TABLE", "VIEW"}),
                    "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE");
            assertThat(tables).containsExactlyElementsOf(
                    TPCH_TABLES.stream().map(name -> java.util.Arrays.asList(null, "tpch", name, "TABLE")).toList());
            // Physical tables are TABLEs too, never OTHER: a type filter finds them.
            assertThat(rows(metadata.getTables(null, "TPCH", "N%", new String[] {"TABLE"}),
                    "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"))
                    .containsExactly(List.of("ignite", "TPCH", "NATION", "TABLE"));
            assertThat(rows(metadata.getTables("trino.tpch", "tiny", "region", null), "TABLE_CAT", "TABLE_SCHEM",
                    "TABLE_NAME")).containsExactly(List.of("trino.tpch", "tiny", "region"));
            assertThat(rows(metadata.getTables(null, "tpch", "%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME"))
                    .isEmpty();
        }
    }

    @Test
    void columnsHaveTheirJdbcTypesPrecisionAndNullability() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint)) {
            DatabaseMetaData metadata = connection.getMetaData();
            String[] fields = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "NULLABLE", "IS_NULLABLE",
                    "ORDINAL_POSITION"};
            assertThat(rows(metadata.getColumns(null, "tpch", "nation", "%"), fields)).containsExactly(
                    List.of("nationkey", "-5", "BIGINT", "19", "1", "YES", "1"),
                    List.of("name", "12", "VARCHAR", "25", "1", "YES", "2"),
                    List.of("regionkey", "-5", "BIGINT", "19", "1", "YES", "3"),
                    List.of("comment", "12", "VARCHAR", "152", "1", "YES", "4"));
            // shipdate is Druid's __time: a DATE that is never null.
            assertThat(rows(metadata.getColumns(null, "tpch", "lineitem", "%date"), fields)).containsExactly(
                    List.of("shipdate", "91", "DATE", "10", "0", "NO", "11"),
                    List.of("commitdate", "91", "DATE", "10", "1", "YES", "12"),
                    List.of("receiptdate", "91", "DATE", "10", "1", "YES", "13"));
            assertThat(rows(metadata.getColumns(null, "tpch", "part", "retailprice"), fields)).containsExactly(
                    List.of("retailprice", "8", "DOUBLE", "15", "0", "NO", "8"));
            assertThat(rows(metadata.getColumns(null, "tpch", "orders", "shippriority"), fields)).containsExactly(
                    List.of("shippriority", "4", "INTEGER", "10", "1", "YES", "8"));
        }
    }

    @Test
    void columnsAreWhatQueriesReturn() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint); Statement statement = connection.createStatement()) {
            DatabaseMetaData metadata = connection.getMetaData();
            for (String table : TPCH_TABLES) {
                List<List<String>> described = rows(metadata.getColumns(null, "tpch", table, "%"),
                        "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "NULLABLE");
                List<List<String>> returned = new ArrayList<>();
                statement.setMaxRows(1);
                try (ResultSet rows = statement.executeQuery("select * from tpch." + table)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        returned.add(List.of(columns.getColumnName(i), String.valueOf(columns.getColumnType(i)),
                                columns.getColumnTypeName(i), String.valueOf(columns.isNullable(i))));
                    }
                }
                assertThat(returned).as(table).isEqualTo(described);
            }
        }
    }

    /** What DBeaver, Tableau and Superset ask when they connect and browse, each call answered correctly. */
    @Test
    void theMetadataSequenceBiToolsIssueOnConnectIsAnswered() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint)) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(rows(metadata.getCatalogs(), "TABLE_CAT")).contains(List.of("ignite"), List.of("trino.tpch"));
            assertThat(rows(metadata.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG")).contains(
                    java.util.Arrays.asList("tpch", null), java.util.Arrays.asList("druid", null),
                    List.of("TPCH", "ignite"), List.of("tiny", "trino.tpch"));
            assertThat(rows(metadata.getSchemas(null, "tp%"), "TABLE_SCHEM")).containsExactly(List.of("tpch"));
            assertThat(rows(metadata.getTableTypes(), "TABLE_TYPE")).containsExactly(List.of("TABLE"), List.of("VIEW"));
            assertThat(rows(metadata.getTables(null, null, "%", null), "TABLE_SCHEM", "TABLE_NAME"))
                    .contains(List.of("tpch", "nation"), List.of("druid", "lineitem"), List.of("TPCH", "CUSTOMER"),
                            List.of("tiny", "supplier"));
            assertThat(rows(metadata.getTables(null, "tpch", "n%", null), "TABLE_NAME"))
                    .containsExactly(List.of("nation"));
            assertThat(rows(metadata.getTables(null, "tpch", "_art%", null), "TABLE_NAME"))
                    .containsExactly(List.of("part"), List.of("partsupp"));
            assertThat(rows(metadata.getTables(null, "tpch", "%item", new String[] {"TABLE", "VIEW"}), "TABLE_NAME"))
                    .containsExactly(List.of("lineitem"));
            Map<String, Integer> columnCounts = new LinkedHashMap<>();
            for (List<String> table : rows(metadata.getTables(null, "tpch", "%", new String[] {"TABLE", "VIEW"}),
                    "TABLE_NAME")) {
                columnCounts.put(table.get(0), rows(metadata.getColumns(null, "tpch", table.get(0), "%"),
                        "COLUMN_NAME").size());
                assertThat(rows(metadata.getPrimaryKeys(null, "tpch", table.get(0)), "COLUMN_NAME")).isEmpty();
                assertThat(rows(metadata.getImportedKeys(null, "tpch", table.get(0)), "PKCOLUMN_NAME")).isEmpty();
                assertThat(rows(metadata.getIndexInfo(null, "tpch", table.get(0), false, true), "INDEX_NAME"))
                        .isEmpty();
            }
            assertThat(columnCounts).containsExactly(Map.entry("customer", 8), Map.entry("lineitem", 16),
                    Map.entry("nation", 4), Map.entry("orders", 9), Map.entry("part", 9), Map.entry("partsupp", 5),
                    Map.entry("region", 3), Map.entry("supplier", 7));
            assertThat(rows(metadata.getTypeInfo(), "TYPE_NAME", "DATA_TYPE")).containsExactly(
                    List.of("BOOLEAN", "16"), List.of("TINYINT", "-6"), List.of("SMALLINT", "5"),
                    List.of("INTEGER", "4"), List.of("BIGINT", "-5"), List.of("DECIMAL", "3"), List.of("REAL", "7"),
                    List.of("DOUBLE", "8"), List.of("CHAR", "1"), List.of("VARCHAR", "12"), List.of("DATE", "91"),
                    List.of("TIME", "92"), List.of("TIMESTAMP", "93"));
            assertThat(rows(metadata.getProcedures(null, null, "%"), "PROCEDURE_NAME")).isEmpty();
            assertThat(rows(metadata.getFunctions(null, null, "%"), "FUNCTION_NAME")).isEmpty();
        }
    }

    @Test
    void tablesAreQueriedByTheNamesToolsBuildFromTheMetadata() throws SQLException {
        // As DBeaver or Tableau write a table's name: catalog, schema and table from getTables, each quoted. Trino's
        // catalog trino.tpch is one JDBC catalog but two levels in Junction's SQL.
        try (Connection connection = JdbcUrls.connect(endpoint); Statement statement = connection.createStatement()) {
            DatabaseMetaData metadata = connection.getMetaData();
            String quote = metadata.getIdentifierQuoteString();
            List<String> counts = new ArrayList<>();
            for (String[] table : new String[][] {{"trino.tpch", "tiny", "nation"}, {"ignite", "TPCH", "NATION"}}) {
                List<List<String>> found = rows(metadata.getTables(table[0], table[1], table[2], null),
                        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME");
                assertThat(found).containsExactly(List.of(table));
                String name = found.get(0).stream().map(part -> quote + part + quote)
                        .collect(Collectors.joining("."));
                try (ResultSet rows = statement.executeQuery("select count(*) from " + name)) {
                    rows.next();
                    counts.add(name + " " + rows.getLong(1));
                }
            }
            assertThat(counts).containsExactly("\"trino.tpch\".\"tiny\".\"nation\" 25",
                    "\"ignite\".\"TPCH\".\"NATION\" 25");
        }
    }

    @Test
    void everyColumnOfEveryTableIsListedFastOnceTheCatalogIsKnown() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint)) {
            DatabaseMetaData metadata = connection.getMetaData();
            int columns = rows(metadata.getColumns(null, null, "%", "%"), "COLUMN_NAME").size();
            long start = System.nanoTime();
            assertThat(rows(metadata.getColumns(null, null, "%", "%"), "COLUMN_NAME")).hasSize(columns);
            assertThat(rows(metadata.getTables(null, null, "%", null), "TABLE_NAME")).hasSizeGreaterThan(80);
            // From the cache: no engine is asked again.
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
            assertThat(rows(metadata.getColumns(null, "tiny", "nation", "%"), "COLUMN_NAME")).containsExactly(
                    List.of("nationkey"), List.of("name"), List.of("regionkey"), List.of("comment"));
        }
    }

    /** The named columns of every row, as text (null stays null). */
    static List<List<String>> rows(ResultSet rows, String... columns) throws SQLException {
        List<List<String>> result = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (String column : columns) {
                    Object value = rows.getObject(column);
                    row.add(value == null ? null : value.toString());
                }
                result.add(row);
            }
        }
        return result;
    }
}
