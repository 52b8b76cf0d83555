package dev.junction.api.rest;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.spi.Connector;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/v1/analytics/capabilities}: the engines Junction knows, their roles and what each can do. */
@Path("/api/v1/analytics/capabilities")
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {
    /**
     * Features of the gateway itself and whether this build has them; later features flip to true as they land.
     */
    static final Map<String, Boolean> FEATURES = new TreeMap<>(Map.of(
            "engine_health", true,
            "federated_sql", true,
            "jdbc", true,
            "live_ingest", false,
            "hybrid_tables", false,
            "result_cache", true,
            "websocket_streams", false));

    private final ConnectorRegistry connectors;

    public CapabilitiesResource(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /**
     * @param engines one entry per connector file
     * @param features gateway features by name, true when this build provides them
     */
    public record Capabilities(List<Engine> engines, Map<String, Boolean> features) {
    }

    /**
     * @param name the connector's name (its schema in SQL)
     * @param type the kind of engine
     * @param roles what Junction uses it for
     * @param capabilities what the planner may push to it
     */
    public record Engine(String name, String type, List<String> roles, List<String> capabilities) {
    }

    @GET
    public Capabilities capabilities() {
        List<Engine> engines = connectors.all().stream().map(CapabilitiesResource::describe).toList();
        return new Capabilities(engines, FEATURES);
    }

    private static Engine describe(Connector connector) {
        return new Engine(
                connector.definition().name(),
                connector.definition().type(),
                connector.definition().roles().stream().map(CapabilitiesResource::lower).sorted().toList(),
                connector.capabilities().stream().map(CapabilitiesResource::lower).sorted().toList());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
