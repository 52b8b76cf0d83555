package dev.junction.sql.catalog;

import dev.junction.spi.SqlEngine;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A level of an engine's names that holds schemas rather than tables: its catalogs (Trino's tpch, memory)
 * or the schemas of one catalog (Ignite's TPCH, PUBLIC). Listed from the engine's JDBC metadata on first use.
 */
final class NamespaceSchema extends AbstractSchema {
    private final EngineSchemaSource source;
    private final String catalog;
    private final boolean catalogInNames;
    private volatile Map<String, Schema> children;

    /**
     * The catalogs of the engine, when {@code catalog} is null; else the schemas of that catalog.
     *
     * @param catalogInNames whether the engine's SQL names tables with their catalog (Trino's
     *     {@code tpch.tiny.nation}) or without it, the catalog being the only one (Ignite's {@code TPCH.NATION})
     */
    NamespaceSchema(EngineSchemaSource source, String catalog, boolean catalogInNames) {
        this.source = source;
        this.catalog = catalog;
        this.catalogInNames = catalogInNames;
    }

    /** Immutable, so that Calcite caches the schemas and tables looked up in it. */
    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    protected Map<String, Schema> getSubSchemaMap() {
        Map<String, Schema> listed = children;
        if (listed == null) {
            listed = list();
            children = listed;
        }
        return listed;
    }

    private Map<String, Schema> list() {
        SqlEngine engine = source.engine();
        Map<String, Schema> listed = new LinkedHashMap<>();
        try (Connection connection = source.dataSource().getConnection();
             ResultSet rows = catalog == null
                     ? connection.getMetaData().getCatalogs()
                     : connection.getMetaData().getSchemas(catalog, null)) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (engine.hiddenNamespaces().contains(name)) {
                    continue;
                }
                listed.put(name, catalog == null
                        ? new NamespaceSchema(source, name, true)
                        : new JdbcSchema(source.dataSource(), source.convention().dialect, source.convention(),
                                catalogInNames ? catalog : null, name));
            }
        } catch (SQLException e) {
            throw new CatalogException(source.engineName(), e);
        }
        return Map.copyOf(listed);
    }
}
