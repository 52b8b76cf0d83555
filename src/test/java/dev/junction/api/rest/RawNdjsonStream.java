package dev.junction.api.rest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A streamed query read over a plain socket with a small receive buffer, one line at a time, only as far as the
 * test asks. Java's HttpClient reads ahead without bound (tens of MB on loopback), so with it a client that "reads
 * nothing" still drained the whole stream, and Druid finished its query on a fast machine; here what the client
 * does not read stays in the gateway and in Druid.
 */
public final class RawNdjsonStream implements AutoCloseable {

    private final Socket socket;
    private final InputStream body;
    private final Map<String, String> headers;

    private RawNdjsonStream(Socket socket, InputStream body, Map<String, String> headers) {
        this.socket = socket;
        this.body = body;
        this.headers = headers;
    }

    /**
     * POSTs the JSON body asking for NDJSON and reads the status line and headers; fails unless HTTP 200.
     *
     * @param receiveBuffer the socket's receive buffer in bytes: how much of the stream the client side holds
     */
    public static RawNdjsonStream open(URI endpoint, String json, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
        socket.setSoTimeout(60_000);
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/x-ndjson\r\nContent-Length: "
                + payload.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
        String status = line(in).orElseThrow(() -> new EOFException("no HTTP status line"));
        if (!status.startsWith("HTTP/1.1 200")) {
            socket.close();
            throw new IOException("Junction answered " + status);
        }
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in).orElse(""); !header.isEmpty(); header = line(in).orElse("")) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunks(in) : in;
        return new RawNdjsonStream(socket, body, headers);
    }

    /** A response header, by its name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The next line of the body; empty at its end. */
    public Optional<String> nextLine() throws IOException {
        return line(body);
    }

    /** Reads the rest of the body and returns its last line. */
    public String lastLine() throws IOException {
        String last = null;
        for (Optional<String> line = nextLine(); line.isPresent(); line = nextLine()) {
            last = line.get();
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static Optional<String> line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return bytes.size() == 0 ? Optional.empty() : Optional.of(bytes.toString(StandardCharsets.UTF_8));
            }
            bytes.write(b);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }

    /** HTTP/1.1 chunked transfer coding, decoded. */
    private static final class Chunks extends InputStream {
        private final InputStream in;
        private long left;
        private boolean started;
        private boolean ended;

        Chunks(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                if (started) {
                    line(in);
                }
                started = true;
                String size = line(in).orElseThrow(() -> new EOFException("chunked body cut short"));
                int extension = size.indexOf(';');
                left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            left--;
            return in.read();
        }
    }
}
