package dev.junction.sql.catalog;

import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A metadata read that fails on a connection (Druid's broker forgot it: "No such connection") discards the connection
 * instead of giving it back for the next plan, and names the engine.
 */
class TestEngineDataSource {
    @Test
    void aFailedMetadataReadAbortsTheConnectionAndNamesTheEngine() throws SQLException {
        List<String> calls = new ArrayList<>();
        DatabaseMetaData metadata = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    throw new RuntimeException("Remote driver error: NoSuchConnectionException");
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("getMetaData") ? metadata : null;
                });
        EngineDataSource source = new EngineDataSource("druid", engine(connection));

        Connection given = source.getConnection();
        assertThatThrownBy(() -> given.getMetaData().getTables(null, null, "%", null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("Engine 'druid' is unavailable: Remote driver error: NoSuchConnectionException");
        given.close();
        assertThat(calls).containsExactly("getMetaData", "getTables", "abort", "close");
    }

    @Test
    void aCheckedFailureIsRethrownAsItIsAfterTheConnectionIsAborted() throws SQLException {
        List<String> calls = new ArrayList<>();
        SQLException refused = new SQLException("Connection refused");
        DatabaseMetaData metadata = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    throw refused;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("getMetaData") ? metadata : null;
                });
        Connection given = new EngineDataSource("trino", engine(connection)).getConnection();
        assertThatThrownBy(() -> given.getMetaData().getSchemas()).isSameAs(refused);
        assertThat(calls).containsExactly("getMetaData", "abort");
    }

    @Test
    void aMetadataReadThatWorksLeavesTheConnectionAlone() throws SQLException {
        List<String> calls = new ArrayList<>();
        DatabaseMetaData metadata = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return "Druid";
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("getMetaData") ? metadata : null;
                });
        Connection given = new EngineDataSource("druid", engine(connection)).getConnection();
        assertThat(given.getMetaData().getDatabaseProductName()).isEqualTo("Druid");
        given.close();
        assertThat(calls).containsExactly("getMetaData", "getDatabaseProductName", "close");
    }

    private static SqlEngine engine(Connection connection) {
        return new SqlEngine() {
            @Override
            public Connection connect() {
                return connection;
            }

            @Override
            public String language() {
                return "druid";
            }

            @Override
            public SqlNamespace namespace() {
                return null;
            }

            @Override
            public Set<String> hiddenNamespaces() {
                return Set.of();
            }
        };
    }
}
