package dev.junction.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** An engine's HTTP API at a base URL, with the connector's connect and request timeouts. */
public final class HttpEndpoint implements AutoCloseable {
    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient client;

    public HttpEndpoint(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    public URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** GETs a path and returns the body; any status other than 2xx is an IOException naming the status. */
    public String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(path)).timeout(requestTimeout).GET().build();
        return body(request, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** GETs a path: its body, or empty when it answers 404 Not Found; any other status but 2xx is an IOException. */
    public Optional<String> find(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(path)).timeout(requestTimeout).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(body(request, response));
    }

    /** POSTs a JSON body to a path and returns the answer's body; any status other than 2xx is an IOException. */
    public String postJson(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(path)).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return body(request, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** DELETEs a path and returns the HTTP status; the body is not read. */
    public int delete(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(path)).timeout(requestTimeout).DELETE().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        client.close();
    }

    private static String body(HttpRequest request, HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered HTTP " + response.statusCode()
                    + ": " + abbreviate(response.body()));
        }
        return response.body();
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
