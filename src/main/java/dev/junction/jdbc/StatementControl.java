package dev.junction.jdbc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's statement requests beside the Avatica protocol, under the connection's {@code url}:
 * {@code POST {url}/connections/{c}/statements/{s}/cancel} and {@code PUT {url}/connections/{c}/statements/{s}/timeout}.
 */
final class StatementControl {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ERROR_NUMBER = Pattern.compile("\"number\"\\s*:\\s*(\\d+)");

    private final String base;

    private StatementControl(String base) {
        this.base = base;
    }

    /** The requests of the gateway whose Avatica endpoint is {@code url} (the connection's {@code url} property). */
    static StatementControl of(String url) throws SQLException {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new SQLNonTransientConnectionException("The connection's url property must be the gateway's"
                    + " JDBC endpoint, e.g. http://localhost:8080/jdbc; got " + url, "08001");
        }
        return new StatementControl(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Cancels what the statement runs now; nothing to do when the gateway no longer has the statement. */
    void cancel(String connectionId, int statementId) throws SQLException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(connectionId, statementId, "cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()), "cancel");
        if (answer.statusCode() != 204 && answer.statusCode() != 404) {
            throw failure("cancel", answer);
        }
    }

    /** Sets the statement's query timeout for its next executions; 0 is the connection's timeout. */
    void timeout(String connectionId, int statementId, int seconds) throws SQLException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(connectionId, statementId, "timeout"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"timeout_ms\": " + seconds * 1000L + "}")), "timeout");
        if (answer.statusCode() != 204) {
            throw failure("timeout", answer);
        }
    }

    private URI uri(String connectionId, int statementId, String action) {
        return URI.create(base + "/connections/" + URLEncoder.encode(connectionId, StandardCharsets.UTF_8)
                + "/statements/" + statementId + "/" + action);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String what) throws SQLException {
        try {
            return HTTP.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SQLNonTransientConnectionException("The gateway did not take the statement's " + what
                    + " request: " + e, "08006", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while sending the statement's " + what + " request", "HY008", e);
        }
    }

    /** The gateway's JSON error as an exception: its message and code number. */
    private static SQLException failure(String what, HttpResponse<String> answer) {
        Matcher message = ERROR_MESSAGE.matcher(answer.body());
        Matcher number = ERROR_NUMBER.matcher(answer.body());
        return new SQLException("The gateway refused the statement's " + what + " request (HTTP "
                + answer.statusCode() + "): " + (message.find() ? message.group(1) : answer.body()), "HY000",
                number.find() ? Integer.parseInt(number.group(1)) : 0);
    }
}
