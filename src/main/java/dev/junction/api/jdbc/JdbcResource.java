package dev.junction.api.jdbc;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.error.SqlStateMapping;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Handler;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /jdbc}: the Avatica remote protocol the stock Avatica JDBC driver speaks, in either serialization
 * (the driver posts both as application/octet-stream; a JSON request starts with '{', a protobuf one never does).
 * Errors reach the client as Avatica error responses carrying Junction's code: its number as the vendor code, its
 * SQLState from {@link SqlStateMapping}, and its name at the start of the message.
 *
 * <p>Beside it, what the protocol cannot say, for Junction's own driver ({@code dev.junction.jdbc.JunctionDriver}):
 * {@code POST /jdbc/connections/{connection}/statements/{statement}/cancel} and
 * {@code PUT /jdbc/connections/{connection}/statements/{statement}/timeout}; their errors are REST's JSON errors.
 */
@Path("/jdbc")
public class JdbcResource {
    private static final Logger LOG = Logger.getLogger(JdbcResource.class);

    private final JunctionMeta meta;
    private final ProtobufHandler protobuf;
    private final JsonHandler json;

    /**
     * The body of a timeout request.
     *
     * @param timeoutMs the deadline of each query the statement runs from now on, in milliseconds; 0 for the
     *        connection's {@code timeout}
     */
    public record StatementTimeout(@JsonProperty("timeout_ms") Long timeoutMs) {
    }

    public JdbcResource(JunctionMeta meta) {
        this.meta = meta;
        Service service = new LocalService(meta);
        this.protobuf = new ProtobufHandler(service, new ProtobufTranslationImpl(), NoopMetricsSystem.getInstance()) {
            @Override
            public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
                return super.convertToErrorResponse(translated(e));
            }
        };
        this.json = new JsonHandler(service, NoopMetricsSystem.getInstance()) {
            @Override
            public HandlerResponse<String> convertToErrorResponse(Exception e) {
                return super.convertToErrorResponse(translated(e));
            }
        };
    }

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response handle(byte[] body) {
        if (isJson(body)) {
            Handler.HandlerResponse<String> answer = json.apply(new String(body, StandardCharsets.UTF_8));
            return Response.status(answer.getStatusCode())
                    .entity(answer.getResponse().getBytes(StandardCharsets.UTF_8))
                    .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
        }
        Handler.HandlerResponse<byte[]> answer = protobuf.apply(body);
        return Response.status(answer.getStatusCode()).entity(answer.getResponse())
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE).build();
    }

    /** {@code Statement.cancel()}: stops what the statement runs now on every engine it reached; 204 either way. */
    @POST
    @Path("/connections/{connection}/statements/{statement}/cancel")
    public Response cancel(@PathParam("connection") String connectionId, @PathParam("statement") int statementId) {
        meta.cancel(connectionId, statementId);
        return Response.noContent().build();
    }

    /** {@code Statement.setQueryTimeout()}: the timeout of the queries the statement runs from now on. */
    @PUT
    @Path("/connections/{connection}/statements/{statement}/timeout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response timeout(@PathParam("connection") String connectionId, @PathParam("statement") int statementId,
            StatementTimeout body) {
        if (body == null || body.timeoutMs() == null) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST, "The body must be {\"timeout_ms\": <milliseconds>}");
        }
        meta.timeout(connectionId, statementId, Duration.ofMillis(body.timeoutMs()));
        return Response.noContent().build();
    }

    private static boolean isJson(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * The failure as Avatica reports it: Junction's code, SQLState and message; no Java names or stack frames. A
     * connection the gateway does not know is reported as Avatica's own "missing connection", on which the driver
     * opens the connection again (with the same properties) and retries.
     */
    static Exception translated(Exception e) {
        if (e instanceof NoSuchConnectionException) {
            return e;
        }
        JunctionException junction = junctionCause(e);
        if (junction.code() == ErrorCode.INTERNAL_ERROR || junction.code().category() != dev.junction.error.ErrorCategory.USER) {
            LOG.warnf(e, "JDBC request failed%s", junction.queryId().map(id -> " (query " + id + ")").orElse(""));
        }
        String message = junction.code().name() + ": " + junction.getMessage()
                + junction.queryId().filter(id -> !junction.getMessage().contains(id))
                        .map(id -> " (query " + id + ")").orElse("");
        AvaticaRuntimeException translated = new AvaticaRuntimeException(message, junction.code().number(),
                SqlStateMapping.sqlStateOf(junction.code()), AvaticaSeverity.ERROR);
        translated.setStackTrace(new StackTraceElement[0]);
        return translated;
    }

    private static JunctionException junctionCause(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JunctionException junction) {
                return junction;
            }
        }
        return new JunctionException(ErrorCode.INTERNAL_ERROR, "The JDBC request failed inside Junction", e);
    }
}
