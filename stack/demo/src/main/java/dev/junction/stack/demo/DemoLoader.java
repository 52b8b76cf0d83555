package dev.junction.stack.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * Loads the local stack's demo data, skipping every dataset already present with its exact row count:
 * TPC-H tiny from Trino's tpch catalog into Druid (lineitem, orders) and Ignite (customer, nation, region),
 * and seven days of per-minute metric history into Druid (metrics). Run by stack/lib/demo.sh.
 *
 * <p>System properties: {@code demo.host}, {@code demo.trinoPort}, {@code demo.druidCoordinatorPort},
 * {@code demo.druidBrokerPort}, {@code demo.ignitePort}, {@code demo.dataDir} (where input files for Druid
 * are written), and per engine a host that overrides {@code demo.host} ({@code demo.trinoHost},
 * {@code demo.druidCoordinatorHost}, {@code demo.druidBrokerHost}, {@code demo.igniteHost}: in
 * docker/compose.yaml each engine is its own host). Prints one line per dataset; exits non-zero with the
 * reason on failure.
 */
public final class DemoLoader {
    private DemoLoader() {
    }

    public static void main(String[] args) {
        String host = System.getProperty("demo.host", "127.0.0.1");
        Path dataDir = Path.of(System.getProperty("demo.dataDir", ".stack/data/demo")).toAbsolutePath();
        DruidClient druid = new DruidClient("http://" + address("druidCoordinator", host, 18081),
                "http://" + address("druidBroker", host, 18082));
        String trinoUrl = "jdbc:trino://" + address("trino", host, 18080) + "/tpch/tiny";
        String igniteUrl = "jdbc:ignite:thin://" + address("ignite", host, 10800);
        try (Connection trino = trino(trinoUrl)) {
            new TpchInIgnite(igniteUrl, trino).load();
            TpchInDruid tpch = new TpchInDruid(druid, trino, dataDir);
            tpch.load(TpchInDruid.LINEITEM);
            tpch.load(TpchInDruid.ORDERS);
            // The seven days before the last UTC midnight: the same rows all day long, new ones the next day.
            LocalDate end = LocalDate.now(ZoneOffset.UTC);
            new MetricHistory(druid, dataDir, end.minusDays(MetricHistory.DAYS), end).load();
        } catch (Exception e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Connection trino(String url) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "junction");
        properties.setProperty("source", "junction-demo-loader");
        return DriverManager.getConnection(url, properties);
    }

    /** host:port of one engine, from demo.<engine>Host (default: demo.host) and demo.<engine>Port. */
    private static String address(String engine, String host, int port) {
        return System.getProperty("demo." + engine + "Host", host) + ":" + Integer.getInteger("demo." + engine + "Port", port);
    }

    static void say(String line) {
        System.out.println(line);
    }
}
