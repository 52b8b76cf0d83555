package dev.junction.connector;

import dev.junction.spi.ConnectorDefinition;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * An engine reached through its own JDBC driver, opened directly rather than through DriverManager (whose
 * service loading breaks when any registered driver fails to initialize).
 */
public final class JdbcEndpoint {
    private final Driver driver;
    private final String url;
    private static final int KEPT_CONNECTIONS = 8;
    private static final Duration MAX_IDLE = Duration.ofSeconds(60);

    private final Properties properties;
    private final IdleConnections idle = new IdleConnections(KEPT_CONNECTIONS, MAX_IDLE);

    public JdbcEndpoint(Driver driver, String url, Properties properties) {
        this.driver = driver;
        this.url = url;
        this.properties = (Properties) properties.clone();
    }

    /** The user and password of a connector definition as JDBC connection properties. */
    public static Properties credentials(ConnectorDefinition definition) {
        Properties properties = new Properties();
        definition.user().ifPresent(user -> properties.setProperty("user", user));
        definition.password().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }

    /**
     * A connection: one kept open from an earlier statement when there is one. Closing it keeps it for the next
     * caller; {@link Connection#abort} closes it for good (do that after a failure or a cancel).
     */
    public Connection open() throws SQLException {
        Optional<Connection> kept = idle.take();
        if (kept.isPresent()) {
            return kept.get();
        }
        return idle.keep(connect(properties));
    }

    /**
     * A new connection with these properties on top of the endpoint's own (a per-connection query context), never
     * kept for another caller: its properties are its own.
     */
    public Connection open(Properties extra) throws SQLException {
        Properties merged = (Properties) properties.clone();
        merged.putAll(extra);
        return connect(merged);
    }

    private Connection connect(Properties connectionProperties) throws SQLException {
        Connection connection = driver.connect(url, connectionProperties);
        if (connection == null) {
            throw new SQLException("the JDBC driver does not accept the URL " + url);
        }
        return connection;
    }

    /** Runs {@code SELECT 1} and returns the engine's version as its driver reports it. */
    public String probe() throws SQLException {
        try (Connection connection = open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1")) {
            if (!rows.next() || rows.getInt(1) != 1) {
                throw new SQLException("SELECT 1 did not return 1");
            }
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }
}
