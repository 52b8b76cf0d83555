package dev.junction.ingest;

import org.apache.ignite.IgniteJdbcThinDriver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads a hot table through Ignite's own JDBC driver, as SQL clients (and the hybrid table) see it. */
final class HotTableQueries {
    private final String url;
    private final HotTable table;

    HotTableQueries(String igniteAddress, HotTable table) {
        this.url = "jdbc:ignite:thin://" + igniteAddress;
        this.table = table;
    }

    /** The rows matching {@code where} (one {@code ?} bound to {@code argument}), each as column → value. */
    List<Map<String, Object>> rows(String where, Object argument) {
        return query("SELECT * FROM " + table.qualifiedName() + " WHERE " + where + " ORDER BY EVENT_ID", argument);
    }

    /** {@code COUNT(*)} and {@code SUM(VAL)} of the rows matching {@code where}. */
    Map<String, Object> countAndSum(String where, Object argument) {
        return query("SELECT COUNT(*) AS N, SUM(VAL) AS TOTAL FROM " + table.qualifiedName() + " WHERE " + where,
                argument).get(0);
    }

    long count(String where, Object argument) {
        return ((Number) countAndSum(where, argument).get("N")).longValue();
    }

    private List<Map<String, Object>> query(String sql, Object argument) {
        try (Connection connection = new IgniteJdbcThinDriver().connect(url, new Properties());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, argument);
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Hot table " + table.qualifiedName() + ": " + e.getMessage(), e);
        }
    }
}
