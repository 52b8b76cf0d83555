package dev.junction.ingest;

import io.quarkus.logging.LoggingFilter;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops SmallRye's warning for every negatively acknowledged Pulsar message ({@code SRMSG19024}): the consumer nacks
 * whole batches while the hot store refuses writes (Ignite down or full), and Pulsar delivers them again every second,
 * so that warning came thousands of times a second (216,280 lines in 20 s with the store full). {@link MetricConsumer}
 * logs those failures itself, once per batch and at most every few seconds.
 */
@LoggingFilter(name = NackLogFilter.NAME)
public final class NackLogFilter implements Filter {
    /** The name log handlers refer to ({@code quarkus.log.console.filter}). */
    public static final String NAME = "junction-nack";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.startsWith("SRMSG19024");
    }
}
