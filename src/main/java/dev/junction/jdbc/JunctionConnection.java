package dev.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection that tells the gateway what the Avatica protocol cannot: a statement's cancel, sent at once from
 * any thread, and its query timeout, sent before the statement's next execution when it differs from what the
 * gateway has (one extra request then, none otherwise).
 */
final class JunctionConnection extends AvaticaConnection {
    /** Each open statement's timeout as the gateway has it, in seconds; absent: none sent (the connection's). */
    private final Map<Integer, Integer> timeoutsSent = new ConcurrentHashMap<>();
    private volatile StatementControl control;

    JunctionConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    @Override
    protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement, String sql, long maxRowCount)
            throws SQLException, NoSuchStatementException {
        // Also on the driver's retry with a new statement (after the gateway lost the old one): sent for the new id.
        sendTimeout(statement);
        return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    }

    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
            Meta.Frame firstFrame, QueryState state, boolean isUpdate) throws SQLException {
        // Prepared statements execute here; metadata result sets come here too (plain statements, no timeout).
        if (statement instanceof PreparedStatement) {
            sendTimeout(statement);
        }
        return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    }

    /** Stops what the statement runs now on the gateway and its engines; the statement stays usable. */
    void cancel(AvaticaStatement statement) throws SQLException {
        control().cancel(id, statement.handle.id);
    }

    void closed(AvaticaStatement statement) {
        timeoutsSent.remove(statement.handle.id);
    }

    private void sendTimeout(AvaticaStatement statement) throws SQLException {
        int seconds = statement.getQueryTimeout();
        int statementId = statement.handle.id;
        if (timeoutsSent.getOrDefault(statementId, 0) != seconds) {
            control().timeout(id, statementId, seconds);
            timeoutsSent.put(statementId, seconds);
        }
    }

    private StatementControl control() throws SQLException {
        StatementControl known = control;
        if (known == null) {
            known = StatementControl.of(config().url());
            control = known;
        }
        return known;
    }
}
