package dev.junction.error;

/**
 * Junction's stable error codes: the name and number are a contract with clients and never change meaning.
 *
 * <p>Numbers are grouped by category: 1xxx user, 2xxx external, 3xxx resources, 4xxx internal.
 */
public enum ErrorCode {
    INVALID_REQUEST(1000, ErrorCategory.USER),
    SQL_PARSE_ERROR(1001, ErrorCategory.USER),
    TABLE_NOT_FOUND(1002, ErrorCategory.USER),
    COLUMN_NOT_FOUND(1003, ErrorCategory.USER),
    SCHEMA_NOT_FOUND(1004, ErrorCategory.USER),
    SQL_VALIDATION_ERROR(1005, ErrorCategory.USER),
    STATEMENT_NOT_ALLOWED(1006, ErrorCategory.USER),
    QUERY_NOT_FOUND(1007, ErrorCategory.USER),
    CONNECTOR_NOT_FOUND(1008, ErrorCategory.USER),
    INVALID_METRIC(1009, ErrorCategory.USER),
    QUERY_CANCELLED(1010, ErrorCategory.USER),
    NOT_SUPPORTED(1011, ErrorCategory.USER),
    RESOURCE_NOT_FOUND(1012, ErrorCategory.USER),

    ENGINE_UNAVAILABLE(2000, ErrorCategory.EXTERNAL),
    ENGINE_ERROR(2001, ErrorCategory.EXTERNAL),

    QUERY_TIMEOUT(3000, ErrorCategory.RESOURCES),
    MEMORY_LIMIT_EXCEEDED(3001, ErrorCategory.RESOURCES),
    REQUEST_TOO_LARGE(3002, ErrorCategory.RESOURCES),

    INTERNAL_ERROR(4000, ErrorCategory.INTERNAL),
    INVALID_CONFIGURATION(4001, ErrorCategory.INTERNAL);

    private final int number;
    private final ErrorCategory category;

    ErrorCode(int number, ErrorCategory category) {
        this.number = number;
        this.category = category;
    }

    public int number() {
        return number;
    }

    public ErrorCategory category() {
        return category;
    }
}
