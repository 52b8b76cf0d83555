package dev.junction.error;

/**
 * The one mapping from error codes to the five-character SQLStates JDBC clients see, with the SQL standard's
 * class where one fits (42 syntax or access rule, 22 data, 08 connection, 57 operator intervention, HY CLI).
 */
public final class SqlStateMapping {
    private SqlStateMapping() {
    }

    public static String sqlStateOf(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> "22023";
            case SQL_PARSE_ERROR -> "42000";
            case TABLE_NOT_FOUND -> "42S02";
            case COLUMN_NOT_FOUND -> "42S22";
            case SCHEMA_NOT_FOUND -> "3F000";
            case SQL_VALIDATION_ERROR -> "42000";
            case STATEMENT_NOT_ALLOWED -> "42501";
            case QUERY_NOT_FOUND, CONNECTOR_NOT_FOUND, RESOURCE_NOT_FOUND -> "42704";
            case INVALID_METRIC -> "22000";
            case QUERY_CANCELLED -> "57014";
            case NOT_SUPPORTED -> "0A000";
            case ENGINE_UNAVAILABLE -> "08001";
            case ENGINE_ERROR -> "58000";
            case QUERY_TIMEOUT -> "HYT00";
            case MEMORY_LIMIT_EXCEEDED -> "53200";
            case REQUEST_TOO_LARGE -> "54000";
            case INTERNAL_ERROR -> "XX000";
            case INVALID_CONFIGURATION -> "F0000";
        };
    }
}
