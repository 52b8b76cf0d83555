package dev.junction.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The gateway's own settings under {@code junction.*}; every one has a working local default. */
@ConfigMapping(prefix = "junction")
public interface GatewayConfig {
    Connectors connectors();

    Health health();

    Query query();

    Metadata metadata();

    Catalog catalog();

    /** The catalog of every engine's tables. */
    interface Catalog {
        /**
         * How often the catalog is read again from the engines (new tables and columns appear, dropped ones go)
         * and the logical schemas' files; 0 turns it off ({@code POST /api/v1/catalog/refresh} still works). Each
         * refresh empties the plan cache.
         */
        @WithDefault("5m")
        Duration refreshInterval();
    }

    /** Where the connector files are. */
    interface Connectors {
        /** The folder holding one {@code <name>.properties} file per source. */
        @WithDefault("connectors")
        Path dir();
    }

    /** Limits of SQL queries. */
    interface Query {
        /** The deadline of a query that does not ask for its own. */
        @WithDefault("60s")
        Duration timeout();

        /** The longest deadline a query may ask for. */
        @WithDefault("30m")
        Duration maxTimeout();

        /** The most rows one JSON response holds; clients wanting more stream the result or page with LIMIT. */
        @WithDefault("100000")
        int maxRows();

        /** The longest SQL text accepted, in characters. */
        @WithDefault("1000000")
        int maxSqlLength();

        /**
         * The most memory one query may hold in rows kept in the gateway (fragments a plan reads more than once,
         * hash join build sides, sort, window and distinct set operation inputs), as estimated per value;
         * past it the query ends with MEMORY_LIMIT_EXCEEDED.
         */
        @WithDefault("256M")
        MemorySize memoryLimit();

        /**
         * How many planned statements are kept, by text: a statement seen before skips parsing, validation and
         * optimization (and split plans their code generation). A catalog refresh forgets them all.
         */
        @WithDefault("1000")
        int planCacheSize();
    }

    /**
     * Junction's own state (query history; dashboards and alerts later): PostgreSQL when a URL is set, else an
     * embedded H2 database in a folder. Quarkus' datasources read these keys (application.properties).
     */
    interface Metadata {
        /** The PostgreSQL JDBC URL of the metadata store; empty: embedded H2 under {@link #dir()}. */
        Optional<String> url();

        @WithDefault("junction")
        String user();

        @WithDefault("junction")
        String password();

        /** The folder of the embedded H2 database, used when no URL is set; relative paths start with "./". */
        @WithDefault("./data")
        Path dir();
    }

    /** How engines are probed for /health. */
    interface Health {
        /** The deadline of one engine probe. */
        @WithDefault("3s")
        Duration timeout();
    }
}
