package dev.junction.api.jdbc;

import dev.junction.sql.JunctionTypeSystem;
import dev.junction.sql.catalog.Catalog;
import jakarta.inject.Singleton;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.avatica.MetaImpl.MetaSchema;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.jboss.logging.Logger;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The catalog as JDBC metadata: schemas, tables and columns, read from the Calcite schema queries are planned
 * against (so they describe what queries return), and kept until the catalog is refreshed. A table's name
 * {@code a.b.c.t} is schema {@code c} of catalog {@code a.b}; {@code tpch.nation} is schema {@code tpch} with no
 * catalog. Tables are TABLE, or VIEW when their engine says so.
 */
@Singleton
public class CatalogMetadata {
    private static final Logger LOG = Logger.getLogger(CatalogMetadata.class);

    private final Catalog catalog;
    private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(JunctionTypeSystem.INSTANCE);
    private volatile Snapshot snapshot;

    public CatalogMetadata(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Schemas matching a catalog name (null: any, "": none) and a LIKE pattern (null: any), sorted. */
    List<MetaSchema> schemas(String catalogName, String schemaPattern) {
        return current().tables.stream()
                .filter(table -> catalogMatches(catalogName, table.catalog)
                        && like(schemaPattern).test(table.schema))
                .map(table -> new SchemaName(table.catalog, table.schema)).distinct()
                .sorted(Comparator.comparing(SchemaName::schema).thenComparing(name -> String.valueOf(name.catalog)))
                .map(name -> new MetaSchema(name.catalog, name.schema)).toList();
    }

    /** The catalog names (the engine levels above a table's schema), sorted. */
    List<String> catalogs() {
        return current().tables.stream().map(TableEntry::catalog).filter(name -> name != null).distinct().sorted()
                .toList();
    }

    /** Tables matching the patterns and one of the types (null: any), by type, catalog, schema and name. */
    List<MetaTable> tables(String catalogName, String schemaPattern, String tablePattern, List<String> types) {
        return matching(catalogName, schemaPattern, tablePattern)
                .filter(table -> types == null || types.contains(table.type))
                .map(table -> new MetaTable(table.catalog, table.schema, table.name, table.type)).toList();
    }

    /** Columns of the matching tables, each table's in order; a table whose engine does not answer is left out. */
    List<MetaColumn> columns(String catalogName, String schemaPattern, String tablePattern, String columnPattern) {
        Snapshot current = current();
        Predicate<String> columnMatches = like(columnPattern);
        List<MetaColumn> columns = new ArrayList<>();
        matching(catalogName, schemaPattern, tablePattern).forEach(table -> current.columns(table, typeFactory)
                .stream().filter(column -> columnMatches.test(column.columnName)).forEach(columns::add));
        return columns;
    }

    private java.util.stream.Stream<TableEntry> matching(String catalogName, String schemaPattern,
            String tablePattern) {
        Predicate<String> schemaMatches = like(schemaPattern);
        Predicate<String> tableMatches = like(tablePattern);
        return current().tables.stream().filter(table -> catalogMatches(catalogName, table.catalog)
                && schemaMatches.test(table.schema) && tableMatches.test(table.name));
    }

    private Snapshot current() {
        SchemaPlus root = catalog.root();
        Snapshot known = snapshot;
        if (known != null && known.root == root) {
            return known;
        }
        synchronized (this) {
            if (snapshot == null || snapshot.root != root) {
                long start = System.nanoTime();
                List<TableEntry> tables = new ArrayList<>();
                walk(root, List.of(), tables);
                tables.sort(Comparator.comparing(TableEntry::type).thenComparing(table -> String.valueOf(table.catalog))
                        .thenComparing(TableEntry::schema).thenComparing(TableEntry::name));
                snapshot = new Snapshot(root, List.copyOf(tables), new ConcurrentHashMap<>());
                LOG.infof("JDBC metadata: %d tables listed in %d ms", tables.size(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            return snapshot;
        }
    }

    /** Adds the tables of a schema and of the schemas under it; a schema whose engine fails is left out. */
    private static void walk(Schema schema, List<String> path, List<TableEntry> tables) {
        try {
            if (!path.isEmpty()) {
                String schemaName = path.getLast();
                String catalogName = path.size() == 1 ? null : String.join(".", path.subList(0, path.size() - 1));
                for (String name : schema.tables().getNames(LikePattern.any())) {
                    Table table = schema.tables().get(name);
                    if (table != null) {
                        tables.add(new TableEntry(catalogName, schemaName, name, tableType(table), table));
                    }
                }
            }
            for (String name : schema.subSchemas().getNames(LikePattern.any())) {
                Schema subSchema = schema.subSchemas().get(name);
                if (subSchema != null) {
                    List<String> subPath = new ArrayList<>(path);
                    subPath.add(name);
                    walk(subSchema, subPath, tables);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "JDBC metadata: schema %s left out: its engine did not list it", String.join(".", path));
        }
    }

    private static String tableType(Table table) {
        Schema.TableType type = table.getJdbcTableType();
        return type == Schema.TableType.VIEW || type == Schema.TableType.MATERIALIZED_VIEW ? "VIEW" : "TABLE";
    }

    private static boolean catalogMatches(String wanted, String actual) {
        if (wanted == null) {
            return true;
        }
        return wanted.isEmpty() ? actual == null : wanted.equals(actual);
    }

    private static Predicate<String> like(String pattern) {
        if (pattern == null || pattern.equals("%")) {
            return name -> true;
        }
        Pattern regex = likeToRegex(pattern);
        return name -> regex.matcher(name).matches();
    }

    /** A JDBC metadata pattern as a regular expression: {@code %} any text, {@code _} one character, {@code \} escapes. */
    static Pattern likeToRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** A table as JDBC names it. */
    private record TableEntry(String catalog, String schema, String name, String type, Table table) {
    }

    private record SchemaName(String catalog, String schema) {
    }

    /** The tables of one version of the catalog, and the columns of those asked for so far. */
    private record Snapshot(SchemaPlus root, List<TableEntry> tables, Map<TableEntry, List<MetaColumn>> columns) {
        List<MetaColumn> columns(TableEntry table, RelDataTypeFactory typeFactory) {
            List<MetaColumn> known = columns.get(table);
            if (known != null) {
                return known;
            }
            Optional<RelDataType> rowType;
            try {
                rowType = Optional.of(table.table.getRowType(typeFactory));
            } catch (RuntimeException e) {
                LOG.warnf(e, "JDBC metadata: columns of %s.%s left out", table.schema, table.name);
                rowType = Optional.empty();
            }
            List<MetaColumn> described = rowType.map(type -> type.getFieldList().stream()
                    .map(field -> column(table, field)).toList()).orElse(List.of());
            if (rowType.isPresent()) {
                columns.put(table, described);
            }
            return described;
        }

        private static MetaColumn column(TableEntry table, RelDataTypeField field) {
            RelDataType type = field.getType();
            Integer size = JdbcTypes.columnSize(type);
            boolean decimal = type.getSqlTypeName().allowsScale();
            boolean numeric = org.apache.calcite.sql.type.SqlTypeName.NUMERIC_TYPES.contains(type.getSqlTypeName());
            boolean character = org.apache.calcite.sql.type.SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName());
            return new MetaColumn(table.catalog, table.schema, table.name, field.getName(),
                    JdbcTypes.jdbcType(type.getSqlTypeName()), JdbcTypes.typeName(type.getSqlTypeName()), size,
                    decimal ? Integer.valueOf(Math.max(type.getScale(), 0)) : null, numeric ? Integer.valueOf(10) : null,
                    type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                    character ? size : null, field.getIndex() + 1, type.isNullable() ? "YES" : "NO", "NO", "NO");
        }
    }
}
