import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Junction's own driver (jdbc:junction:…): a query timeout and a cancel from another thread both stop the query on
 * the engines, and the statement stays usable. Two queries over Trino's 300 GB TPC-H scale, which would run for
 * minutes.
 *
 * <pre>
 * java -cp avatica-1.28.0.jar:slf4j-api-2.0.17.jar:junction-0.1.0-SNAPSHOT-jdbc.jar JunctionCancelExample.java \
 *   [gateway URL, default http://localhost:8080]
 * </pre>
 */
public class JunctionCancelExample {
    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        String url = "jdbc:junction:url=" + gateway + "/jdbc;serialization=protobuf";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            System.out.println("driver " + connection.getMetaData().getDriverName());

            statement.setQueryTimeout(2);
            try (ResultSet rows = statement.executeQuery("select max(quantity) from trino.tpch.sf300.lineitem")) {
                rows.next();
            } catch (SQLException e) {
                System.out.println("timed out: " + e.getErrorCode() + " " + e.getSQLState());
            }

            statement.setQueryTimeout(0);
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(2000);
                    statement.cancel();
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            try (ResultSet rows = statement.executeQuery("select min(quantity) from trino.tpch.sf300.lineitem")) {
                rows.next();
            } catch (SQLException e) {
                System.out.println("cancelled: " + e.getErrorCode() + " " + e.getSQLState());
            }
            canceller.join();

            try (ResultSet rows = statement.executeQuery("select count(*) from tpch.nation")) {
                rows.next();
                System.out.println("nations " + rows.getLong(1));
            }
        }
    }
}
