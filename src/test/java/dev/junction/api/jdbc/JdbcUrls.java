package dev.junction.api.jdbc;

import org.apache.calcite.avatica.remote.Driver;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Connections through the stock Avatica remote driver to the gateway under test. */
final class JdbcUrls {
    private JdbcUrls() {
    }

    static String url(URI endpoint, String serialization) {
        return "jdbc:avatica:remote:url=" + endpoint + ";serialization=" + serialization;
    }

    /** A connection with the given properties (name, value, name, value, …), protobuf serialization. */
    static Connection connect(URI endpoint, String... properties) throws SQLException {
        return connect(url(endpoint, "protobuf"), properties);
    }

    static Connection connect(String url, String... properties) throws SQLException {
        Properties info = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            info.setProperty(properties[i], properties[i + 1]);
        }
        // The driver itself, not DriverManager: the test JVM's driver list is Quarkus' to manage.
        return new Driver().connect(url, info);
    }
}
