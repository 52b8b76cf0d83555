package dev.junction.error;

/** The one mapping from error codes to HTTP status codes, used by every HTTP endpoint. */
public final class HttpStatusMapping {
    private HttpStatusMapping() {
    }

    public static int statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, SQL_PARSE_ERROR, TABLE_NOT_FOUND, COLUMN_NOT_FOUND, SCHEMA_NOT_FOUND,
                 SQL_VALIDATION_ERROR, STATEMENT_NOT_ALLOWED, INVALID_METRIC, NOT_SUPPORTED -> 400;
            case QUERY_NOT_FOUND, CONNECTOR_NOT_FOUND, RESOURCE_NOT_FOUND -> 404;
            case QUERY_CANCELLED -> 409;
            case REQUEST_TOO_LARGE -> 413;
            case MEMORY_LIMIT_EXCEEDED -> 429;
            case ENGINE_ERROR -> 502;
            case ENGINE_UNAVAILABLE -> 503;
            case QUERY_TIMEOUT -> 504;
            case INTERNAL_ERROR, INVALID_CONFIGURATION -> 500;
        };
    }
}
