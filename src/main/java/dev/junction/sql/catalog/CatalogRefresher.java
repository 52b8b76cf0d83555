package dev.junction.sql.catalog;

import dev.junction.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Refreshes the catalog every {@code junction.catalog.refresh-interval}, so engines' new tables appear without a restart. */
@Startup
@Singleton
public class CatalogRefresher {
    private static final Logger LOG = Logger.getLogger(CatalogRefresher.class);

    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("catalog-refresh").daemon().factory());

    public CatalogRefresher(Catalog catalog, GatewayConfig config) {
        Duration interval = config.catalog().refreshInterval();
        if (!interval.isZero() && !interval.isNegative()) {
            long millis = interval.toMillis();
            schedule.scheduleWithFixedDelay(() -> refresh(catalog), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void refresh(Catalog catalog) {
        try {
            catalog.refresh();
        } catch (RuntimeException e) {
            // An invalid logical schema file: the catalog in use stays, and the next round tries again.
            LOG.errorf("The periodic catalog refresh failed, the catalog in use stays: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        schedule.shutdownNow();
    }
}
