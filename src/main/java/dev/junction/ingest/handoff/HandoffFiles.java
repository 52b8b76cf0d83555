package dev.junction.ingest.handoff;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The rows of a handoff task as files of newline-delimited JSON in the spool folder
 * ({@code junction.ingest.handoff-dir}), which the gateway serves to Druid's {@code http} input source at
 * {@code GET /api/v1/metrics/handoff/files/{name}}: the task names the files instead of carrying the rows, so a chunk
 * of millions of rows neither passes through the overlord's memory nor lands in Druid's metadata store, and the
 * gateway holds one row at a time. A file appears under its name only once whole; a handoff deletes its files when
 * its task ended, and a gateway starting deletes what crashed handoffs left (files older than {@code keep}).
 */
final class HandoffFiles {
    private static final Logger LOG = Logger.getLogger(HandoffFiles.class);
    /** Rows per file by default: Druid reads the files of one task one after another, a file a split. */
    static final int ROWS_PER_FILE = 250_000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,120}\\.json");
    private static final String PREFIX = "/api/v1/metrics/handoff/files/";

    private final Path folder;
    private final Supplier<Optional<String>> baseUrl;
    private final int rowsPerFile;

    /**
     * @param folder the spool folder, created if missing
     * @param baseUrl the gateway's URL as Druid reaches it, empty while the HTTP server has not started
     * @param keep files older than this are what crashed handoffs left: deleted now
     * @param rowsPerFile rows per file, {@link #ROWS_PER_FILE} but in tests
     */
    HandoffFiles(Path folder, Supplier<Optional<String>> baseUrl, Duration keep, int rowsPerFile) {
        this.folder = folder;
        this.baseUrl = baseUrl;
        this.rowsPerFile = rowsPerFile;
        try {
            Files.createDirectories(folder);
            deleteOlderThan(Instant.now().minus(keep));
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.handoff-dir " + folder
                    + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The rows of one task being written: {@link #accept} each row, then {@link #close} before naming the files. */
    final class Spool implements AutoCloseable {
        private final String stem;
        private final long seq;
        private final List<String> names = new ArrayList<>();
        private BufferedWriter out;
        private Path partial;
        private long rows;
        private long inFile;

        private Spool(String stem, long seq) {
            this.stem = stem;
            this.seq = seq;
        }

        /** Writes one row, as carried by this spool's handoff. */
        void accept(HotRow row) {
            try {
                if (out == null || inFile == rowsPerFile) {
                    finishFile();
                    partial = folder.resolve(stem + "-" + names.size() + ".json.partial");
                    out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                    inFile = 0;
                }
                out.write(row.toDruid(seq).toString());
                out.write('\n');
                inFile++;
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException("The handoff file " + partial + " cannot be written", e);
            }
        }

        long rows() {
            return rows;
        }

        /** The files' URLs for Druid, in order; one (empty) file when there were no rows. */
        List<String> uris() {
            String base = baseUrl.get().orElseThrow(() -> new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                    "The gateway's HTTP server has not started: Druid cannot read the handoff's rows yet"));
            return names.stream().map(name -> base + PREFIX + name).toList();
        }

        /** Finishes the last file: every file then appears under its name. */
        @Override
        public void close() {
            try {
                if (out == null) {
                    partial = folder.resolve(stem + "-0.json.partial");
                    out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                }
                finishFile();
            } catch (IOException e) {
                throw new UncheckedIOException("The handoff file " + partial + " cannot be written", e);
            }
        }

        /** Deletes this spool's files (once its task ended, whichever way). */
        void delete() {
            for (String name : names) {
                deleteQuietly(folder.resolve(name));
            }
            if (partial != null) {
                deleteQuietly(partial);
            }
        }

        private void finishFile() throws IOException {
            if (out == null) {
                return;
            }
            out.close();
            out = null;
            String name = stem + "-" + names.size() + ".json";
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            names.add(name);
        }
    }

    /**
     * {@code junction.ingest.handoff-url} checked, without a trailing slash.
     *
     * @throws JunctionException INVALID_CONFIGURATION for anything but an absolute http(s) URL with a host
     */
    static String baseUrl(String configured) {
        URI uri;
        try {
            uri = new URI(configured);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new JunctionException(ErrorCode.INVALID_CONFIGURATION, "junction.ingest.handoff-url=" + configured
                    + " is no http(s) URL of this gateway that Druid could read handoff files from, e.g."
                    + " http://10.0.0.7:8080");
        }
        return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** A new spool for the rows of handoff {@code seq} of the datasource {@code target}. */
    Spool spool(String target, long seq) {
        String stem = (target + "-" + seq + "-" + UUID.randomUUID()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "_");
        return new Spool(stem, seq);
    }

    /** The whole file of this name, empty for a name that is none of ours or not (or no longer) there. */
    Optional<Path> file(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private void deleteOlderThan(Instant before) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json*")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    deleteQuietly(file);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            LOG.infof("Deleted %d handoff files older than %s in %s (left by handoffs that did not end)", deleted,
                    before, folder);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("The handoff file %s could not be deleted: %s", file, e.getMessage());
        }
    }
}
