package dev.junction.connector;

import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL side of a connector as its JDBC endpoint plus where its tables sit, and how its driver tells the
 * engine's id of a statement.
 */
public record JdbcSqlEngine(JdbcEndpoint endpoint, String language, SqlNamespace namespace, Set<String> hiddenNamespaces,
        EngineQueryIds queryIds) implements SqlEngine {
    public JdbcSqlEngine {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(namespace, "namespace");
        hiddenNamespaces = Set.copyOf(hiddenNamespaces);
        Objects.requireNonNull(queryIds, "queryIds");
    }

    /** An engine whose driver does not tell statement ids. */
    public JdbcSqlEngine(JdbcEndpoint endpoint, String language, SqlNamespace namespace, Set<String> hiddenNamespaces) {
        this(endpoint, language, namespace, hiddenNamespaces, EngineQueryIds.NONE);
    }

    @Override
    public Connection connect() throws SQLException {
        return endpoint.open();
    }

    @Override
    public Optional<String> engineQueryId(Statement statement, ResultSet resultSet) throws SQLException {
        return queryIds.of(statement, resultSet);
    }

    /** How one JDBC driver tells the id its engine gave a statement. */
    @FunctionalInterface
    public interface EngineQueryIds {
        /** For drivers that do not tell it. */
        EngineQueryIds NONE = (statement, resultSet) -> Optional.empty();

        Optional<String> of(Statement statement, ResultSet resultSet) throws SQLException;
    }
}
