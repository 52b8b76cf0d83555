package dev.junction.sql.catalog;

import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
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
        Connection given = source("druid", calls, method -> {
            throw new RuntimeException("Remote driver error: NoSuchConnectionException");
        }).getConnection();
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
        Connection given = source("trino", calls, method -> {
            throw refused;
        }).getConnection();
        assertThatThrownBy(() -> given.getMetaData().getSchemas()).isSameAs(refused);
        assertThat(calls).containsExactly("getMetaData", "getSchemas", "abort");
    }

    @Test
    void aMetadataReadThatWorksLeavesTheConnectionAlone() throws SQLException {
        List<String> calls = new ArrayList<>();
        Connection given = source("druid", calls, method -> "Druid").getConnection();
        assertThat(given.getMetaData().getDatabaseProductName()).isEqualTo("Druid");
        given.close();
        assertThat(calls).containsExactly("getMetaData", "getDatabaseProductName", "close");
    }

    /** What a metadata read answers (or throws), by the method called. */
    private interface MetadataAnswer {
        Object answer(Method method) throws Throwable;
    }

    /**
     * The data source of an engine whose one connection records every call on it and its metadata into
     * {@code calls}; its metadata reads answer as {@code metadataAnswer} says.
     */
    private static EngineDataSource source(String engineName, List<String> calls, MetadataAnswer metadataAnswer) {
        ClassLoader loader = TestEngineDataSource.class.getClassLoader();
        DatabaseMetaData metadata = (DatabaseMetaData) Proxy.newProxyInstance(loader,
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return metadataAnswer.answer(method);
                });
        Connection connection = (Connection) Proxy.newProxyInstance(loader,
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("getMetaData") ? metadata : null;
                });
        return new EngineDataSource(engineName, engine(connection));
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
