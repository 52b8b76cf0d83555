package dev.junction.spi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL side of a connector whose engine runs queries over JDBC: the planner builds the connector's
 * schema from it and sends it the fragments it can run.
 */
public interface SqlEngine {
    /** Opens a new connection to the engine; the caller closes it. */
    Connection connect() throws SQLException;

    /**
     * The SQL language the engine speaks, as its product is named (e.g. "trino", "druid", "ignite"): the
     * planner writes fragments in that dialect.
     */
    String language();

    /** Where the engine's tables sit in its JDBC metadata, and so how deep they appear under the connector. */
    SqlNamespace namespace();

    /** Names of catalogs or schemas (as the engine spells them) never shown: system and metadata schemas. */
    Set<String> hiddenNamespaces();

    /**
     * The id the engine knows a running statement by (what its own query list and cancel API show), when the
     * engine tells it without an extra round trip; empty otherwise.
     *
     * @param statement the statement, created on a connection from {@link #connect()}
     * @param resultSet its result, just opened
     */
    default Optional<String> engineQueryId(Statement statement, ResultSet resultSet) throws SQLException {
        return Optional.empty();
    }

    /**
     * Stops a running statement on the engine. JDBC's {@link Statement#cancel()} is enough where the driver
     * tells the engine (Trino, Ignite); engines whose driver only stops reading override this with their own
     * cancel API.
     *
     * @param statement a statement created on a connection from {@link #connect()}, executing now
     */
    default void cancel(Statement statement) throws SQLException {
        statement.cancel();
    }
}
