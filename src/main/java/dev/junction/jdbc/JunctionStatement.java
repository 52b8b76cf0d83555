package dev.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/** A statement whose cancel and query timeout reach the gateway (see {@link JunctionConnection}). */
final class JunctionStatement extends AvaticaStatement {
    JunctionStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
            int resultSetConcurrency, int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        ((JunctionConnection) connection).cancel(this);
    }

    @Override
    public void close() throws SQLException {
        super.close();
        ((JunctionConnection) connection).closed(this);
    }
}
