package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.error.JunctionException;

import java.util.Locale;

/**
 * The JSON body of every REST error: {@code {"error": {"code", "number", "category", "message"}}}.
 *
 * @param error what went wrong
 */
public record ErrorResponse(Detail error) {
    /**
     * @param code the stable error code, e.g. TABLE_NOT_FOUND
     * @param number the code's stable number
     * @param category user, external, resources or internal
     * @param message what went wrong, for people
     * @param queryId the query the error belongs to, when there is one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, int number, String category, String message, String queryId) {
    }

    public static ErrorResponse of(JunctionException failure, String queryId) {
        return new ErrorResponse(new Detail(failure.code().name(), failure.code().number(),
                failure.code().category().name().toLowerCase(Locale.ROOT), failure.getMessage(), queryId));
    }
}
