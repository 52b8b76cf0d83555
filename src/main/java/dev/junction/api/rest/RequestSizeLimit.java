package dev.junction.api.rest;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is over {@code quarkus.http.limits.max-body-size} with 413 and the coded
 * REQUEST_TOO_LARGE error, before the body is read: the HTTP layer's own 413 has no body at all.
 */
@ApplicationScoped
public class RequestSizeLimit {
    private final long maxBytes;

    public RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > maxBytes) {
                JunctionException failure = new JunctionException(ErrorCode.REQUEST_TOO_LARGE, "The request body has "
                        + length + " bytes; at most " + maxBytes + " are accepted (quarkus.http.limits.max-body-size)");
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(ErrorResponse.of(failure, null)));
                return;
            }
            context.next();
        });
    }
}
