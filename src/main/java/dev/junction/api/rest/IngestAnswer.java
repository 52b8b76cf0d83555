package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer to a metrics ingest request: how many events were accepted (published) and rejected, why each rejected
 * one was, and the ids of the accepted ones in request order.
 *
 * @param error set when nothing was accepted (status 400), like every REST error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestAnswer(int accepted, int rejected, List<ItemError> errors, List<String> ids,
        ErrorResponse.Detail error) {
    public IngestAnswer {
        errors = List.copyOf(errors);
        ids = List.copyOf(ids);
    }

    /** Why the event at {@code index} (0-based, in request order) was rejected. */
    public record ItemError(int index, String code, String message) {
    }
}
