package dev.junction.sql.catalog;

import dev.junction.config.GatewayConfig;
import dev.junction.config.ConnectorFiles;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.Connector;
import dev.junction.spi.Connectors;
import dev.junction.spi.SqlEngine;
import dev.junction.spi.SqlNamespace;
import dev.junction.sql.dialect.EngineDialects;
import dev.junction.sql.hybrid.HybridTable;
import dev.junction.sql.hybrid.HybridTables;
import dev.junction.sql.plan.EngineConvention;
import jakarta.inject.Singleton;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one catalog every query is planned against: a schema per SQL engine ({@code trino.<catalog>.<schema>},
 * {@code druid}, {@code ignite.<schema>}), each discovered lazily from the engine's metadata and kept until
 * {@link #refresh()} replaces the whole catalog. Logical schemas (connector files of {@code type=logical}, such
 * as {@code tpch}) sit beside them and map their tables onto the engines' tables; a refresh reads their files
 * again too. The hybrid table of the ingest path ({@code metrics.points}) sits in a schema of its own.
 */
@Singleton
public class Catalog {
    private static final Logger LOG = Logger.getLogger(Catalog.class);

    private final Connectors connectors;
    private final Path connectorsDir;
    private final HybridTables hybridTables;
    private volatile Generation current;

    /** One catalog root, when it was built, and the logical schemas' tables in it. */
    public record Generation(SchemaPlus root, Instant builtAt, long number,
            Map<String, List<LogicalTableDefinition>> logical) {
    }

    public Catalog(Connectors connectors, GatewayConfig config, HybridTables hybridTables) {
        this.connectors = connectors;
        this.connectorsDir = config.connectors().dir();
        this.hybridTables = hybridTables;
        Map<String, List<LogicalTableDefinition>> logical = logicalSchemas(connectorsDir);
        this.current = new Generation(build(logical), Instant.now(), 1, logical);
    }

    /** The root schema as of the last refresh. */
    public SchemaPlus root() {
        return current.root();
    }

    /** The catalog in use: its root, when it was built, and its number (1 at startup, one more per refresh). */
    public Generation generation() {
        return current;
    }

    /**
     * Forgets every engine's metadata (tables, columns and schemas are read again on next use) and reads the
     * logical schemas' files again; plans made against the old catalog are not used any more. Queries running
     * meanwhile finish against the catalog they started with.
     *
     * @throws JunctionException INVALID_CONFIGURATION when a logical schema's file is invalid now; the catalog in
     *     use stays
     */
    public synchronized Generation refresh() {
        Map<String, List<LogicalTableDefinition>> logical = logicalSchemas(connectorsDir);
        Generation next = new Generation(build(logical), Instant.now(), current.number() + 1, logical);
        current = next;
        LOG.infof("Catalog refreshed (generation %d)", next.number());
        return next;
    }

    /** A new choice of replicas for one statement's planning, knowing every connector's roles and capabilities. */
    public ReplicaChoice replicaChoice() {
        return new ReplicaChoice(
                name -> connectors.find(name).map(connector -> connector.definition().roles()).orElse(Set.of()),
                name -> connectors.find(name).map(Connector::capabilities).orElse(Set.of()));
    }

    /**
     * The physical tables a logical table reads, as plans name them ({@code connector.path.table}): one, or each
     * replica's; e.g. {@code tpch.orders} gives {@code druid.orders}; the hybrid table gives its hot and its cold
     * table. Empty when the name is no logical table's.
     */
    public List<String> physicalTables(String name) {
        Optional<List<String>> hybrid = hybridTables.definition()
                .filter(definition -> definition.qualifiedName().equals(name))
                .map(definition -> List.of(String.join(".", definition.hotPath()),
                        String.join(".", definition.coldPath())));
        if (hybrid.isPresent()) {
            return hybrid.get();
        }
        int dot = name.indexOf('.');
        List<LogicalTableDefinition> tables = dot < 0 ? null : current.logical().get(name.substring(0, dot));
        if (tables == null) {
            return List.of();
        }
        String table = name.substring(dot + 1);
        return tables.stream().filter(definition -> definition.name().equals(table)).findFirst()
                .map(definition -> definition.sources().stream().map(source -> String.join(".", source)).toList())
                .orElse(List.of());
    }

    /** The SQL access of a connector that has one. */
    public Optional<SqlEngine> engine(String name) {
        return connectors.find(name).flatMap(Connector::sql);
    }

    private SchemaPlus build(Map<String, List<LogicalTableDefinition>> logicalSchemas) {
        SchemaPlus built = CalciteSchema.createRootSchema(false, true).plus();
        for (Connector connector : connectors.all()) {
            connector.sql().ifPresent(engine -> {
                String name = connector.definition().name();
                built.add(name, engineSchema(name, engine, connector));
            });
        }
        logicalSchemas.forEach((name, tables) -> built.add(name, new LogicalSchema(name, tables, () -> built)));
        hybridTables.definition().ifPresent(hybrid -> {
            if (built.subSchemas().get(hybrid.schema()) != null) {
                throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.table '"
                        + hybrid.qualifiedName() + "' is in schema '" + hybrid.schema()
                        + "', which a connector or logical schema has already; choose another schema");
            }
            SchemaPlus schema = built.add(hybrid.schema(), new AbstractSchema());
            schema.add(hybrid.table(), new HybridTable(hybrid, hybridTables, this::refresh));
        });
        return built;
    }

    private Map<String, List<LogicalTableDefinition>> logicalSchemas(Path dir) {
        Map<String, List<LogicalTableDefinition>> schemas = new java.util.TreeMap<>();
        for (Path file : ConnectorFiles.list(dir)) {
            if (!ConnectorFiles.isLogicalSchema(file)) {
                continue;
            }
            String name = ConnectorFiles.schemaName(file);
            if (connectors.find(name).isPresent()) {
                throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "Logical schema file " + file
                        + " has the name of a connector; schema names must be unique");
            }
            schemas.put(name, LogicalSchemaParser.parse(file));
            LOG.infof("Logical schema %s: %d tables", name, schemas.get(name).size());
        }
        return Map.copyOf(schemas);
    }

    private static Schema engineSchema(String name, SqlEngine engine, Connector connector) {
        EngineConvention convention = new EngineConvention(name, EngineDialects.forProduct(engine.language()),
                connector.capabilities());
        EngineSchemaSource source = new EngineSchemaSource(name, engine, new EngineDataSource(name, engine), convention);
        SqlNamespace namespace = engine.namespace();
        // A fixed catalog is the engine's only one, and its SQL names tables without it.
        if (namespace.schema().isPresent()) {
            return new JdbcSchema(source.dataSource(), convention.dialect, convention, null, namespace.schema().get());
        }
        return new NamespaceSchema(source, namespace.catalog().orElse(null), false);
    }
}
