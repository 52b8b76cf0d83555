package dev.junction.sql.exec;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query's parameter values converted to the types the planner inferred for its {@code ?}s: once as Calcite's
 * operators expect them, once as JDBC drivers take them.
 */
public final class BoundParameters {
    private final List<Object> internal;
    private final List<Object> jdbc;

    private BoundParameters(List<Object> internal, List<Object> jdbc) {
        this.internal = Collections.unmodifiableList(internal);
        this.jdbc = Collections.unmodifiableList(jdbc);
    }

    public static BoundParameters none() {
        return new BoundParameters(new ArrayList<>(), new ArrayList<>());
    }

    /**
     * @throws JunctionException INVALID_REQUEST when the count differs or a value does not fit its parameter
     */
    public static BoundParameters bind(List<SqlTypeName> types, List<Object> values) {
        if (types.size() != values.size()) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "The query has " + types.size()
                    + " parameters (?) but " + values.size() + " values were given");
        }
        List<Object> internal = new ArrayList<>(types.size());
        List<Object> jdbc = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            Object value = values.get(i);
            try {
                Object converted = value == null ? null : convert(types.get(i), value);
                internal.add(converted == null ? null : internalForm(types.get(i), converted));
                jdbc.add(converted == null ? null : jdbcForm(types.get(i), converted));
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
                throw new JunctionException(ErrorCode.INVALID_REQUEST, "Parameter " + (i + 1) + " must be a "
                        + types.get(i).getName() + example(types.get(i)) + ", got " + value, e);
            }
        }
        return new BoundParameters(internal, jdbc);
    }

    public List<Object> internal() {
        return internal;
    }

    public List<Object> jdbc() {
        return jdbc;
    }

    /** The value as a plain Java value of the parameter's type (LocalDate for DATE, Long for BIGINT, …). */
    private static Object convert(SqlTypeName type, Object value) {
        return switch (type) {
            case BOOLEAN -> value instanceof Boolean b ? b : Boolean.valueOf(parseBoolean(value.toString()));
            case TINYINT -> number(value).byteValueExact();
            case SMALLINT -> number(value).shortValueExact();
            case INTEGER -> number(value).intValueExact();
            case BIGINT -> number(value).longValueExact();
            case REAL, FLOAT -> number(value).floatValue();
            case DOUBLE -> number(value).doubleValue();
            case DECIMAL -> number(value);
            case CHAR, VARCHAR -> value.toString();
            case DATE -> LocalDate.parse(value.toString());
            case TIMESTAMP -> LocalDateTime.parse(value.toString().replace(' ', 'T'));
            default -> value;
        };
    }

    private static Object internalForm(SqlTypeName type, Object value) {
        return switch (type) {
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case TIMESTAMP -> ((LocalDateTime) value).toInstant(ZoneOffset.UTC).toEpochMilli();
            default -> value;
        };
    }

    private static Object jdbcForm(SqlTypeName type, Object value) {
        return switch (type) {
            case DATE -> Date.valueOf((LocalDate) value);
            case TIMESTAMP -> Timestamp.valueOf((LocalDateTime) value);
            default -> value;
        };
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        return new BigDecimal(value.toString().strip());
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    private static String example(SqlTypeName type) {
        return switch (type) {
            case DATE -> " ('YYYY-MM-DD')";
            case TIMESTAMP -> " ('YYYY-MM-DD HH:MM:SS')";
            default -> "";
        };
    }
}
