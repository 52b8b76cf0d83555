package dev.junction.api.jdbc;

import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How Junction's SQL types look to JDBC clients: the {@link Types} code, Avatica's wire representation, and each
 * value in that representation (DATE as days, TIME as milliseconds of the day, TIMESTAMP as UTC milliseconds).
 * Types without a JDBC counterpart here travel as VARCHAR text.
 */
final class JdbcTypes {
    private JdbcTypes() {
    }

    /** The JDBC type code of a column of this SQL type. */
    static int jdbcType(SqlTypeName type) {
        return switch (representation(type)) {
            case STRING -> type == SqlTypeName.CHAR ? Types.CHAR : Types.VARCHAR;
            default -> type.getJdbcOrdinal();
        };
    }

    /** The type's name as {@code getColumns} and result metadata report it. */
    static String typeName(SqlTypeName type) {
        return representation(type) == ColumnMetaData.Rep.STRING && type != SqlTypeName.CHAR ? "VARCHAR" : type.getName();
    }

    static ColumnMetaData.Rep representation(SqlTypeName type) {
        return switch (type) {
            case BOOLEAN -> ColumnMetaData.Rep.BOOLEAN;
            case TINYINT -> ColumnMetaData.Rep.BYTE;
            case SMALLINT -> ColumnMetaData.Rep.SHORT;
            case INTEGER, DATE, TIME -> ColumnMetaData.Rep.INTEGER;
            case BIGINT, TIMESTAMP -> ColumnMetaData.Rep.LONG;
            case REAL -> ColumnMetaData.Rep.FLOAT;
            case FLOAT, DOUBLE -> ColumnMetaData.Rep.DOUBLE;
            case DECIMAL -> ColumnMetaData.Rep.NUMBER;
            default -> ColumnMetaData.Rep.STRING;
        };
    }

    /**
     * The column's size as {@code getColumns} reports it: the most digits of a number, the characters of a date or
     * time's text, the declared length of a string; null for a string without a declared length.
     */
    static Integer columnSize(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        int precision = type.getPrecision();
        return switch (name) {
            case DATE -> 10;
            case TIME -> 8;
            case TIMESTAMP -> 23;
            case BOOLEAN -> 1;
            default -> (SqlTypeName.NUMERIC_TYPES.contains(name) || SqlTypeName.CHAR_TYPES.contains(name))
                    && precision >= 0 ? Integer.valueOf(precision) : null;
        };
    }

    /** The result columns of a planned statement. */
    static List<ColumnMetaData> columns(RelDataType rowType) {
        List<ColumnMetaData> columns = new ArrayList<>();
        rowType.getFieldList().forEach(field -> {
            RelDataType type = field.getType();
            SqlTypeName name = type.getSqlTypeName();
            ColumnMetaData.AvaticaType avaticaType =
                    ColumnMetaData.scalar(jdbcType(name), typeName(name), representation(name));
            Integer size = columnSize(type);
            int scale = type.getSqlTypeName().allowsScale() ? Math.max(type.getScale(), 0) : 0;
            columns.add(new ColumnMetaData(field.getIndex(), false, true, true, false,
                    type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                    SqlTypeName.NUMERIC_TYPES.contains(name), size == null ? 0 : size, field.getName(), field.getName(),
                    null, size == null ? 0 : size, scale, null, null, avaticaType, true, false, false,
                    avaticaType.columnClassName()));
        });
        return columns;
    }

    /** The {@code ?} parameters of a planned statement. */
    static List<AvaticaParameter> parameters(List<SqlTypeName> types) {
        List<AvaticaParameter> parameters = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            SqlTypeName type = types.get(i);
            parameters.add(new AvaticaParameter(SqlTypeName.NUMERIC_TYPES.contains(type), 0, 0, jdbcType(type),
                    typeName(type), ColumnMetaData.scalar(jdbcType(type), typeName(type), representation(type))
                    .columnClassName(), "?" + (i + 1)));
        }
        return parameters;
    }

    /** A row as Avatica sends it: each value in its column's wire representation. */
    static Object[] wireRow(Object[] row, SqlTypeName[] types) {
        Object[] wire = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            wire[i] = row[i] == null ? null : wireValue(types[i], row[i]);
        }
        return wire;
    }

    private static Object wireValue(SqlTypeName type, Object value) {
        return switch (type) {
            case DATE -> value instanceof LocalDate date ? (int) date.toEpochDay() : ((Number) value).intValue();
            case TIME -> value instanceof LocalTime time ? (int) (time.toNanoOfDay() / 1_000_000)
                    : ((Number) value).intValue();
            case TIMESTAMP -> value instanceof LocalDateTime timestamp
                    ? timestamp.toInstant(ZoneOffset.UTC).toEpochMilli() : ((Number) value).longValue();
            default -> switch (representation(type)) {
                case BYTE -> ((Number) value).byteValue();
                case SHORT -> ((Number) value).shortValue();
                case INTEGER -> ((Number) value).intValue();
                case LONG -> ((Number) value).longValue();
                case FLOAT -> ((Number) value).floatValue();
                case DOUBLE -> ((Number) value).doubleValue();
                case NUMBER -> value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
                case BOOLEAN -> value;
                default -> value.toString();
            };
        };
    }

    /** A parameter value the client sent, as Junction's parameter binding takes it (LocalDate for a date, …). */
    static Object parameterValue(TypedValue value) {
        if (value == null || value.value == null) {
            return null;
        }
        return switch (value.type) {
            case JAVA_SQL_DATE -> LocalDate.ofEpochDay(((Number) value.value).longValue());
            case JAVA_SQL_TIME -> LocalTime.ofNanoOfDay(((Number) value.value).longValue() * 1_000_000L);
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> LocalDateTime.ofEpochSecond(
                    Math.floorDiv(((Number) value.value).longValue(), 1000L),
                    (int) Math.floorMod(((Number) value.value).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            case NUMBER -> value.value instanceof BigDecimal ? value.value : new BigDecimal(value.value.toString());
            default -> value.value;
        };
    }
}
