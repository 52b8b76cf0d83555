package dev.junction.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.sql.catalog.Catalog;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.calcite.schema.lookup.LikePattern;

import java.time.Instant;
import java.util.List;

/** The catalog's state, and its refresh on demand: {@code GET /api/v1/catalog}, {@code POST /api/v1/catalog/refresh}. */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {
    private final Catalog catalog;

    public CatalogResource(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The catalog in use.
     *
     * @param generation 1 at startup, one more per refresh
     * @param builtAt when it was built; engines' metadata is read on first use after that
     * @param schemas the top-level schemas: one per SQL engine, then the logical schemas
     */
    public record CatalogState(long generation, @JsonProperty("built_at") Instant builtAt, List<String> schemas) {
    }

    @GET
    public CatalogState state() {
        return state(catalog.generation());
    }

    /** Reads every engine's metadata and the logical schemas' files again; the plan cache starts empty. */
    @POST
    @Path("/refresh")
    @RunOnVirtualThread
    public CatalogState refresh() {
        return state(catalog.refresh());
    }

    private static CatalogState state(Catalog.Generation generation) {
        return new CatalogState(generation.number(), generation.builtAt(),
                generation.root().subSchemas().getNames(LikePattern.any()).stream()
                        .sorted().toList());
    }
}
