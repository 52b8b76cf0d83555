package dev.junction.ingest;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Turns the consumer's SmallRye channel on only when {@code junction.ingest.enabled} is true and the Pulsar broker
 * of {@code junction.ingest.pulsar-url} accepts a connection at startup: an enabled channel whose broker does not
 * answer blocks startup for 30 s and then fails it, and the gateway must start without Pulsar. With the channel off
 * this way, {@link StandbyConsumer} consumes once Pulsar answers. Its ordinal is below
 * application.properties, so an explicit {@code mp.messaging.incoming.junction-metrics.enabled} still wins.
 */
public final class IngestChannelConfigSourceFactory implements ConfigSourceFactory {
    /** The setting SmallRye reads; also what the health check reads to tell whether the consumer runs. */
    public static final String CHANNEL_ENABLED = "mp.messaging.incoming." + MetricConsumer.CHANNEL + ".enabled";
    private static final int ORDINAL = 150;
    private static final int PROBE_MILLIS = 1_000;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean enabled = !"false".equalsIgnoreCase(value(context, "junction.ingest.enabled", "true"))
                && reachable(value(context, "junction.ingest.pulsar-url", "pulsar://127.0.0.1:16650"));
        return List.of(new MapBackedConfigSource("junction ingest channel", Map.of(CHANNEL_ENABLED,
                Boolean.toString(enabled)), ORDINAL) {
        });
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }

    /** Whether the broker of {@code url} ({@code pulsar://host:port}, the first of a list) accepts a connection. */
    static boolean reachable(String url) {
        try {
            URI uri = URI.create(url.split(",")[0].strip());
            int port = uri.getPort() > 0 ? uri.getPort() : 6650;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_MILLIS);
                return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
