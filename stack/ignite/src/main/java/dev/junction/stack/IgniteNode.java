package dev.junction.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SqlConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The local stack's Apache Ignite 2 server node: one in-memory node on loopback, configured in code so
 * that the stack needs no Spring XML (and no ignite-spring). Started by stack/engines/ignite.sh.
 *
 * <p>System properties (all set by ignite.sh from the JUNCTION_* variables):
 * <ul>
 *   <li>{@code junction.ignite.port}: thin client and JDBC thin port (10800)</li>
 *   <li>{@code junction.ignite.discoveryPort}: discovery port (47500; the next 9 are tried too)</li>
 *   <li>{@code junction.ignite.communicationPort}: communication port (47100)</li>
 *   <li>{@code junction.ignite.workDir}: Ignite's work folder (marshaller mappings, diagnostics)</li>
 *   <li>{@code junction.ignite.readyFile}: written with this JVM's PID once a SQL query through the thin
 *       client protocol has succeeded; the shell's readiness probe looks for it</li>
 *   <li>{@code junction.ignite.maxMemoryMb}: maximum size of the default (off-heap) data region (512)</li>
 * </ul>
 */
public final class IgniteNode {
    private static final String HOST = "127.0.0.1";
    /** Schemas the gateway and the demo loader create tables in (e.g. TPCH.CUSTOMER via JDBC thin). */
    private static final String[] SQL_SCHEMAS = {"TPCH", "METRICS"};

    private IgniteNode() {
    }

    public static void main(String[] args) throws Exception {
        int clientPort = Integer.getInteger("junction.ignite.port", 10800);
        int discoveryPort = Integer.getInteger("junction.ignite.discoveryPort", 47500);
        int communicationPort = Integer.getInteger("junction.ignite.communicationPort", 47100);
        long maxMemoryMb = Long.getLong("junction.ignite.maxMemoryMb", 512);
        String workDir = System.getProperty("junction.ignite.workDir", "work");
        Path readyFile = Path.of(System.getProperty("junction.ignite.readyFile", "ready"));

        Files.deleteIfExists(readyFile);

        // The node exits the JVM when it stops for any reason (SIGTERM runs Ignite's shutdown hook, a
        // critical failure stops the node): the shell then sees the process gone instead of a zombie JVM.
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<IgniteState> finalState = new AtomicReference<>();
        Ignition.addListener((name, state) -> {
            if (state != IgniteState.STARTED) {
                finalState.set(state);
                stopped.countDown();
            }
        });

        try {
            Ignition.start(configuration(clientPort, discoveryPort, communicationPort, maxMemoryMb, workDir));
            System.out.printf("Junction Ignite node started: thin client/JDBC %s:%d, discovery %d, communication %d%n",
                    HOST, clientPort, discoveryPort, communicationPort);
            selfCheck(clientPort);
        } catch (Exception | Error e) {
            // Ignite's threads would keep a half-started JVM alive: stop everything and exit.
            System.err.println("Junction Ignite node failed to start: " + e);
            e.printStackTrace();
            Ignition.stopAll(true);
            System.exit(1);
        }
        // Written atomically, so the probe never reads a half-written PID.
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Junction Ignite node ready: SQL through the thin client protocol works");

        stopped.await();
        Files.deleteIfExists(readyFile);
        System.out.println("Junction Ignite node stopped: " + finalState.get());
        System.exit(finalState.get() == IgniteState.STOPPED ? 0 : 1);
    }

    static IgniteConfiguration configuration(int clientPort, int discoveryPort, int communicationPort,
                                             long maxMemoryMb, String workDir) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
        ipFinder.setAddresses(List.of(HOST + ":" + discoveryPort + ".." + (discoveryPort + 9)));
        TcpDiscoverySpi discovery = new TcpDiscoverySpi();
        discovery.setLocalAddress(HOST);
        discovery.setLocalPort(discoveryPort);
        discovery.setLocalPortRange(9);
        discovery.setIpFinder(ipFinder);

        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(HOST);
        communication.setLocalPort(communicationPort);
        communication.setLocalPortRange(10);

        // Thin client and JDBC thin share this port. No range: a busy port must fail the start rather
        // than move the node to a port nobody knows.
        ClientConnectorConfiguration clientConnector = new ClientConnectorConfiguration();
        clientConnector.setHost(HOST);
        clientConnector.setPort(clientPort);
        clientConnector.setPortRange(0);

        // In memory only: the stack's data is reloadable demo data.
        DataRegionConfiguration region = new DataRegionConfiguration();
        region.setName("default");
        region.setInitialSize(64L * 1024 * 1024);
        region.setMaxSize(maxMemoryMb * 1024 * 1024);
        region.setPersistenceEnabled(false);
        DataStorageConfiguration storage = new DataStorageConfiguration();
        storage.setDefaultDataRegionConfiguration(region);

        return new IgniteConfiguration()
                .setIgniteInstanceName("junction")
                .setLocalHost(HOST)
                .setWorkDirectory(workDir)
                .setDiscoverySpi(discovery)
                .setCommunicationSpi(communication)
                .setClientConnectorConfiguration(clientConnector)
                // The legacy REST/TCP connector would also bind 11211 on every interface.
                .setConnectorConfiguration(null)
                .setDataStorageConfiguration(storage)
                .setSqlConfiguration(new SqlConfiguration().setSqlSchemas(SQL_SCHEMAS))
                .setPeerClassLoadingEnabled(false)
                // No periodic metrics dump into the log.
                .setMetricsLogFrequency(0);
    }

    /** Proves what the stack promises: a client can connect on the client port and run SQL. */
    private static void selfCheck(int clientPort) throws Exception {
        try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(HOST + ":" + clientPort))) {
            List<List<?>> rows = client.query(new SqlFieldsQuery("SELECT 1")).getAll();
            if (rows.size() != 1 || ((Number) rows.get(0).get(0)).intValue() != 1) {
                throw new IllegalStateException("self-check query returned " + rows);
            }
        }
    }
}
