package dev.junction.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/**
 * The ingest path's settings under {@code junction.ingest.*}; every one has a working local default. The names
 * and the design behind them: docs/metrics.md.
 */
@ConfigMapping(prefix = "junction.ingest")
public interface IngestConfig {
    /** How far past the gateway's clock an event's timestamp may be (clocks drift; a later one is a mistake). */
    @WithDefault("5m")
    Duration maxFuture();

    /** How old an event may be when it arrives; older ones are refused rather than stored in a closed chunk. */
    @WithDefault("7d")
    Duration maxAge();

    /** The most tags one event may carry. */
    @WithDefault("32")
    int maxTags();

    @WithDefault("64")
    int maxTagKeyLength();

    @WithDefault("256")
    int maxTagValueLength();

    @WithDefault("200")
    int maxNameLength();

    /** The tenant of events that name none. */
    @WithDefault("default")
    String defaultTenant();

    /** Whether this gateway consumes the metrics topic and runs handoffs (false: REST still publishes). */
    @WithDefault("true")
    boolean enabled();

    /** The Pulsar topic metric events arrive on. */
    @WithDefault("metrics")
    String topic();

    /** Where invalid events go, with the reason. */
    @WithDefault("metrics-dlq")
    String deadLetterTopic();

    /** The consumer's (shared) subscription. */
    @WithDefault("junction-ingest")
    String subscription();

    /** The hybrid table over both tiers ({@code schema.table}), and the key of its handoff state. */
    @WithDefault("metrics.points")
    String table();

    /** The hot store: an Ignite SQL table, {@code SCHEMA.TABLE}. */
    @WithDefault("METRICS.POINTS")
    String hotTable();

    /** The cold store: a Druid datasource. */
    @WithDefault("points")
    String coldDatasource();

    /** The tags that get a column of their own in both tiers; the others go to the {@code tags} column as JSON. */
    @WithDefault("service,endpoint,method,status,host")
    List<String> tagColumns();

    /** The time chunk: what one handoff moves to Druid, and Druid's segment granularity. */
    @WithDefault("1h")
    Duration chunk();

    /** How long after its end a chunk still takes events normally; later ones are late events. */
    @WithDefault("1m")
    Duration grace();

    /** How long after a chunk closed its handoff starts, so that writes begun before the close have landed. */
    @WithDefault("10s")
    Duration safetyMargin();

    /** How long after a handoff its hot rows are evicted, so that queries planned before it have finished. */
    @WithDefault("1m")
    Duration evictionDelay();

    /** How often the gateway looks for chunks to hand off, late rows to carry and hot rows to evict. */
    @WithDefault("5s")
    Duration handoffInterval();

    /**
     * How long one gateway holds the right to run handoffs without renewing it; another gateway takes over only
     * after it expired. Longer than a handoff round takes, so that two gateways never run one at once.
     */
    @WithDefault("5m")
    Duration handoffLease();

    /** How long one Druid task of a handoff, and the wait until Druid serves its rows, may take before it is retried. */
    @WithDefault("10m")
    Duration handoffTimeout();

    /** The connector (a file in connectors/) of the hot store, Ignite. */
    @WithDefault("ignite")
    String hotConnector();

    /** The connector of the cold store, Druid; its {@code coordinator-url} runs the handoff tasks. */
    @WithDefault("druid")
    String coldConnector();
}
