package dev.junction.api.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata half of Junction's Avatica {@code Meta}: catalogs, schemas, tables, columns and types answered from
 * {@link CatalogMetadata}; what Junction has none of (keys, indexes, procedures, privileges) answered empty.
 */
abstract class CatalogMeta extends MetaImpl {
    /** The types of getTypeInfo: those result columns and parameters can have. */
    private static final List<MetaTypeInfo> TYPES = List.of(
            type("BOOLEAN", Types.BOOLEAN, 1, false, 0),
            type("TINYINT", Types.TINYINT, 3, false, 10),
            type("SMALLINT", Types.SMALLINT, 5, false, 10),
            type("INTEGER", Types.INTEGER, 10, false, 10),
            type("BIGINT", Types.BIGINT, 19, false, 10),
            type("DECIMAL", Types.DECIMAL, 38, false, 10),
            type("REAL", Types.REAL, 7, false, 10),
            type("DOUBLE", Types.DOUBLE, 15, false, 10),
            type("CHAR", Types.CHAR, 65536, true, 0),
            type("VARCHAR", Types.VARCHAR, 65536, true, 0),
            type("DATE", Types.DATE, 10, false, 0),
            type("TIME", Types.TIME, 8, false, 0),
            type("TIMESTAMP", Types.TIMESTAMP, 23, false, 0));

    private final CatalogMetadata metadata;

    CatalogMeta(CatalogMetadata metadata) {
        super(null);
        this.metadata = metadata;
    }

    /** A statement id no statement of any connection has, for the statement a metadata result set belongs to. */
    abstract int nextStatementId();

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        Map<DatabaseProperty, Object> properties = new EnumMap<>(DatabaseProperty.class);
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "Junction");
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, "0.1.0");
        properties.put(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, 0);
        properties.put(DatabaseProperty.GET_DATABASE_MINOR_VERSION, 1);
        properties.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, java.sql.Connection.TRANSACTION_NONE);
        return properties;
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            List<String> typeList) {
        return rows(ch, MetaTable.class, metadata.tables(catalog, schemaPattern.s, tableNamePattern.s, typeList));
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            Pat columnNamePattern) {
        return rows(ch, MetaColumn.class,
                metadata.columns(catalog, schemaPattern.s, tableNamePattern.s, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return rows(ch, MetaSchema.class, metadata.schemas(catalog, schemaPattern.s));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return rows(ch, MetaCatalog.class, metadata.catalogs().stream().map(MetaCatalog::new).toList());
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return rows(ch, MetaTableType.class, List.of(new MetaTableType("TABLE"), new MetaTableType("VIEW")));
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return rows(ch, MetaTypeInfo.class, TYPES);
    }

    @Override
    public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat procedureNamePattern) {
        return rows(ch, MetaProcedure.class, List.of());
    }

    @Override
    public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat procedureNamePattern, Pat columnNamePattern) {
        return rows(ch, MetaProcedureColumn.class, List.of());
    }

    @Override
    public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog, String schema, String table,
            Pat columnNamePattern) {
        return rows(ch, MetaColumnPrivilege.class, List.of());
    }

    @Override
    public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat tableNamePattern) {
        return rows(ch, MetaTablePrivilege.class, List.of());
    }

    @Override
    public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog, String schema, String table,
            int scope, boolean nullable) {
        return rows(ch, MetaBestRowIdentifier.class, List.of());
    }

    @Override
    public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog, String schema, String table) {
        return rows(ch, MetaVersionColumn.class, List.of());
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return rows(ch, MetaPrimaryKey.class, List.of());
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return rows(ch, MetaImportedKey.class, List.of());
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return rows(ch, MetaExportedKey.class, List.of());
    }

    @Override
    public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
            String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
        return rows(ch, MetaCrossReference.class, List.of());
    }

    @Override
    public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table,
            boolean unique, boolean approximate) {
        return rows(ch, MetaIndexInfo.class, List.of());
    }

    @Override
    public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
            int[] types) {
        return rows(ch, MetaUdt.class, List.of());
    }

    @Override
    public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
        return rows(ch, MetaSuperType.class, List.of());
    }

    @Override
    public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat tableNamePattern) {
        return rows(ch, MetaSuperTable.class, List.of());
    }

    @Override
    public MetaResultSet getAttributes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
            Pat attributeNamePattern) {
        return rows(ch, MetaAttribute.class, List.of());
    }

    @Override
    public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
        return rows(ch, MetaClientInfoProperty.class, List.of());
    }

    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat functionNamePattern) {
        return rows(ch, MetaFunction.class, List.of());
    }

    @Override
    public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat functionNamePattern, Pat columnNamePattern) {
        return rows(ch, MetaFunctionColumn.class, List.of());
    }

    @Override
    public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat tableNamePattern, Pat columnNamePattern) {
        return rows(ch, MetaPseudoColumn.class, List.of());
    }

    /** A complete result set of metadata records, one column per public field, as JDBC names them. */
    private MetaResultSet rows(ConnectionHandle ch, Class<?> recordClass, List<?> records) {
        List<ColumnMetaData> columns = fieldMetaData(recordClass).columns;
        List<Field> fields = Arrays.stream(recordClass.getFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers())).toList();
        List<Object> rows = new ArrayList<>(records.size());
        for (Object record : records) {
            Object[] row = new Object[fields.size()];
            for (int i = 0; i < row.length; i++) {
                try {
                    row[i] = fields.get(i).get(record);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            rows.add(row);
        }
        Signature signature = new Signature(columns, "", List.of(), Map.of(), CursorFactory.ARRAY,
                StatementType.SELECT);
        return MetaResultSet.create(ch.id, nextStatementId(), true, signature, Frame.create(0, true, rows));
    }

    private static MetaTypeInfo type(String name, int jdbcType, int precision, boolean quoted, int radix) {
        boolean numeric = radix != 0;
        boolean decimal = jdbcType == Types.DECIMAL;
        return new MetaTypeInfo(name, jdbcType, precision, quoted ? "'" : null, quoted ? "'" : null,
                (short) DatabaseMetaData.typeNullable, quoted, (short) DatabaseMetaData.typeSearchable, false, false,
                false, numeric ? Short.valueOf((short) 0) : null,
                decimal ? Short.valueOf((short) 38) : numeric ? Short.valueOf((short) 0) : null, radix);
    }
}
