package dev.junction.error;

import java.util.Objects;
import java.util.Optional;

/** The one exception Junction raises for anything a client or operator should be told about, with its stable code. */
public class JunctionException extends RuntimeException {
    private final ErrorCode code;
    private final String queryId;

    public JunctionException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param message for users: names the object and the problem; never a class name or a stack trace
     * @param cause the underlying failure (an engine's error, an I/O error), logged but not shown to clients
     */
    public JunctionException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, null);
    }

    private JunctionException(ErrorCode code, String message, Throwable cause, String queryId) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.queryId = queryId;
    }

    /** The same failure, tied to the query it ended (its id is shown to the client and logged). */
    public JunctionException withQueryId(String id) {
        JunctionException tied = new JunctionException(code, getMessage(), getCause(), id);
        tied.setStackTrace(getStackTrace());
        return tied;
    }

    /** The query this failure ended, when it belongs to one. */
    public Optional<String> queryId() {
        return Optional.ofNullable(queryId);
    }

    public ErrorCode code() {
        return code;
    }
}
