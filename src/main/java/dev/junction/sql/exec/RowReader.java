package dev.junction.sql.exec;

import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Reads rows of an engine's result set into Calcite's internal representation, the one its operators expect:
 * DATE as days since the epoch (Integer), TIME as milliseconds of the day (Integer), TIMESTAMP as
 * milliseconds since the epoch (Long), all in UTC.
 */
final class RowReader {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final ResultSet resultSet;
    private final SqlTypeName[] types;
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    RowReader(ResultSet resultSet, List<SqlTypeName> types) {
        this.resultSet = resultSet;
        this.types = types.toArray(SqlTypeName[]::new);
    }

    Object[] read() throws SQLException {
        Object[] row = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            row[i] = value(i + 1, types[i]);
        }
        return row;
    }

    private Object value(int column, SqlTypeName type) throws SQLException {
        Object value = switch (type) {
            case BOOLEAN -> resultSet.getBoolean(column);
            case TINYINT -> resultSet.getByte(column);
            case SMALLINT -> resultSet.getShort(column);
            case INTEGER -> resultSet.getInt(column);
            case BIGINT -> resultSet.getLong(column);
            case REAL, FLOAT -> resultSet.getFloat(column);
            case DOUBLE -> resultSet.getDouble(column);
            case DECIMAL -> resultSet.getBigDecimal(column);
            case CHAR, VARCHAR -> resultSet.getString(column);
            case DATE -> days(resultSet.getDate(column, utc));
            case TIME -> millisOfDay(resultSet.getTime(column, utc));
            case TIMESTAMP -> millis(resultSet.getTimestamp(column, utc));
            default -> resultSet.getObject(column);
        };
        return resultSet.wasNull() ? null : value;
    }

    private static Integer days(Date date) {
        return date == null ? null : (int) Math.floorDiv(date.getTime(), MILLIS_PER_DAY);
    }

    private static Integer millisOfDay(Time time) {
        return time == null ? null : (int) Math.floorMod(time.getTime(), MILLIS_PER_DAY);
    }

    private static Long millis(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.getTime();
    }
}
