import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connects to Junction with the stock Avatica JDBC driver, lists the tables of the demo schema, and runs a
 * cross-engine join (suppliers in Trino, nations in Ignite) with a parameter.
 *
 * <pre>
 * java -cp avatica-1.28.0.jar:slf4j-api-2.0.17.jar JunctionJdbcExample.java [gateway URL, default http://localhost:8080]
 * </pre>
 */
public class JunctionJdbcExample {
    public static void main(String[] args) throws SQLException {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        Properties properties = new Properties();
        properties.setProperty("timeout", "60s");
        properties.setProperty("mode", "auto");
        String url = "jdbc:avatica:remote:url=" + gateway + "/jdbc;serialization=protobuf";
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet tables = metadata.getTables(null, "tpch", "%", new String[] {"TABLE", "VIEW"})) {
                while (tables.next()) {
                    System.out.println("table " + tables.getString("TABLE_SCHEM") + "." + tables.getString("TABLE_NAME"));
                }
            }
            String sql = "select n.name, count(*) as suppliers from tpch.supplier s"
                    + " join tpch.nation n on s.nationkey = n.nationkey"
                    + " where n.regionkey = ? group by n.name order by n.name";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, 1);
                statement.setFetchSize(100);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        System.out.println(rows.getString("name") + " " + rows.getLong("suppliers"));
                    }
                }
            }
        }
    }
}
