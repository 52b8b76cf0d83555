package dev.junction.sql.catalog;

import dev.junction.spi.SqlEngine;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One engine's connections as the {@link DataSource} Calcite's JDBC schema reads metadata through; a failed
 * connection names the engine, so that planning can report which engine is unavailable.
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
        try {
            return engine.connect();
        } catch (SQLException | RuntimeException e) {
            // Some drivers (Avatica's) throw unchecked exceptions when the server refuses the connection.
            throw new EngineUnavailableException(engineName, e);
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
