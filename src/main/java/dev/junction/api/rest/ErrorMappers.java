package dev.junction.api.rest;

import dev.junction.error.ErrorCode;
import dev.junction.error.HttpStatusMapping;
import dev.junction.error.JunctionException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** Turns every failure of a REST endpoint into a coded JSON error; clients never see a stack trace. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response junction(JunctionException failure) {
        if (failure.getCause() != null) {
            LOG.warnf(failure.getCause(), "%s (query %s): %s", failure.code(), failure.queryId().orElse("-"),
                    failure.getMessage());
        }
        return respond(failure);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure) {
        // Errors raised by the HTTP layer itself: unknown path, wrong method, unreadable JSON.
        int status = failure.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.RESOURCE_NOT_FOUND;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
        String message = status == 404 ? "No such resource" : failure.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorResponse.of(new JunctionException(code, message), null)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure) {
        // A defect: the client gets an id to quote, the log gets the stack trace under the same id.
        String incident = UUID.randomUUID().toString();
        LOG.errorf(failure, "Internal error, incident %s", incident);
        return respond(new JunctionException(ErrorCode.INTERNAL_ERROR,
                "Internal error in Junction (incident " + incident + "); the gateway log has the details"));
    }

    private static Response respond(JunctionException failure) {
        return Response.status(HttpStatusMapping.statusOf(failure.code()))
                .type(MediaType.APPLICATION_JSON)
                .entity(ErrorResponse.of(failure, failure.queryId().orElse(null)))
                .build();
    }
}
