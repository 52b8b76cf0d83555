package dev.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/** A prepared statement whose cancel and query timeout reach the gateway (see {@link JunctionConnection}). */
final class JunctionPreparedStatement extends AvaticaPreparedStatement {
    JunctionPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
            int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
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
