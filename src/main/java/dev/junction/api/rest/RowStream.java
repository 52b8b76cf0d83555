package dev.junction.api.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.Column;
import dev.junction.sql.QueryOutcome;
import dev.junction.sql.exec.RunningQuery;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A query's rows written to the client as they come from the engines, in NDJSON (one JSON object per row,
 * keyed by column name) or CSV (RFC 4180, a header line first); never the whole result in memory. The query
 * ends, and its engines stop, when the last row is written or the client goes away.
 */
final class RowStream implements StreamingOutput {
    /** The media type of newline-delimited JSON. */
    static final String NDJSON = "application/x-ndjson";
    /** The media type of CSV. */
    static final String CSV = "text/csv";

    private static final Logger LOG = Logger.getLogger(RowStream.class);

    private final RunningQuery query;
    private final List<Column> columns;
    private final Optional<Object[]> firstRow;
    private final long maxRows;
    private final boolean csv;
    private final ObjectMapper json;
    private final Consumer<QueryOutcome> finished;
    private long written;

    /**
     * @param firstRow read before the response started, so that a failing query still gets a coded error status
     * @param finished called once, with the rows written or the failure, when the stream ends however it ends; it
     *     closes the query
     */
    RowStream(RunningQuery query, List<Column> columns, Optional<Object[]> firstRow, long maxRows, boolean csv,
            ObjectMapper json, Consumer<QueryOutcome> finished) {
        this.query = query;
        this.columns = List.copyOf(columns);
        this.firstRow = firstRow;
        this.maxRows = maxRows;
        this.csv = csv;
        this.json = json;
        this.finished = finished;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        QueryOutcome outcome = QueryOutcome.UNKNOWN;
        try {
            if (csv) {
                writeCsv(new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16));
            } else {
                writeNdjson(output);
            }
            outcome = QueryOutcome.finished(written);
        } catch (JunctionException e) {
            // The status line is gone. NDJSON's last line says why the rows end there, and the response ends
            // normally: an aborted connection would drop whatever the client had not read yet, that line too.
            // CSV has no such line: the connection is aborted, which clients report as an incomplete response.
            outcome = QueryOutcome.failed(e);
            LOG.warnf(e, "Query %s failed while streaming its rows: %s", query.queryId(), e.getMessage());
            if (csv) {
                throw new IOException("Query " + query.queryId() + " failed: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            outcome = QueryOutcome.failed(new JunctionException(ErrorCode.QUERY_CANCELLED,
                    "The client went away after " + written + " rows", e));
            throw e;
        } finally {
            finished.accept(outcome);
        }
    }

    private void writeNdjson(OutputStream output) throws IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(output)) {
            generator.setRootValueSeparator(null);
            try {
                for (Optional<Object[]> row = firstRow; row.isPresent() && written < maxRows; row = query.next()) {
                    generator.writeStartObject();
                    for (int i = 0; i < columns.size(); i++) {
                        generator.writeFieldName(columns.get(i).name());
                        // Through the generator, not the mapper's writeValue, which flushes after every value.
                        generator.writeObject(row.get()[i]);
                    }
                    generator.writeEndObject();
                    generator.writeRaw('\n');
                    written++;
                }
            } catch (JunctionException e) {
                // The last line says why the rows end here.
                json.writeValue(generator, ErrorResponse.of(e, query.queryId()));
                generator.writeRaw('\n');
                generator.flush();
                throw e;
            }
        }
    }

    private void writeCsv(Writer out) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            out.write(i == 0 ? "" : ",");
            out.write(csvField(columns.get(i).name()));
        }
        out.write("\r\n");
        for (Optional<Object[]> row = firstRow; row.isPresent() && written < maxRows; row = query.next()) {
            Object[] values = row.get();
            for (int i = 0; i < values.length; i++) {
                out.write(i == 0 ? "" : ",");
                out.write(values[i] == null ? "" : csvField(values[i].toString()));
            }
            out.write("\r\n");
            written++;
        }
        out.flush();
    }

    /** A field quoted when it holds a separator, a quote or a line break (RFC 4180). */
    static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
