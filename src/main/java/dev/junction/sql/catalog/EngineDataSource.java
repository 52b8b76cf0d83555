package dev.junction.sql.catalog;

import dev.junction.spi.SqlEngine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One engine's connections as the {@link DataSource} Calcite's JDBC schema reads metadata through; a failed
 * connection names the engine, so that planning can report which engine is unavailable. A metadata read that fails
 * on a connection kept from an earlier statement discards that connection ({@link Connection#abort}): the engine may
 * have closed it (Druid's broker closes idle Avatica connections of any client when it reaches
 * {@code druid.sql.avatica.maxConnections}, and forgets all of them when it restarts), and given back it would fail
 * every plan that takes it.
 */
final class EngineDataSource implements DataSource {
    private final String engineName;
    private final SqlEngine engine;

    EngineDataSource(String engineName, SqlEngine engine) {
        this.engineName = engineName;
        this.engine = engine;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection;
        try {
            connection = engine.connect();
        } catch (SQLException | RuntimeException e) {
            // Some drivers (Avatica's) throw unchecked exceptions when the server refuses the connection.
            throw new EngineUnavailableException(engineName, e);
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    return result instanceof DatabaseMetaData metadata ? guarded(connection, metadata) : result;
                });
    }

    /** The connection's metadata, whose failed reads discard the connection (and name the engine when unchecked). */
    private DatabaseMetaData guarded(Connection connection, DatabaseMetaData metadata) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    try {
                        return invoke(metadata, method, args);
                    } catch (SQLException e) {
                        discard(connection);
                        throw e;
                    } catch (RuntimeException e) {
                        // Avatica's errors are unchecked: named here, they are not taken for the gateway's own.
                        discard(connection);
                        throw new EngineUnavailableException(engineName, e);
                    }
                });
    }

    private static void discard(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // A driver that cannot abort: closing it is all that is left.
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // Already broken.
            }
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connections use the connector's own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Calcite never logs through a data source.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The connector's connect timeout applies.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
