package dev.junction.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** The Pulsar broker the consumer reads from and REST publishes to ({@code pulsar://host:port}). */
    @WithDefault("pulsar://127.0.0.1:16650")
    String pulsarUrl();

    /** The Ignite node (thin client protocol) of the hot store, as {@code host:port}. */
    @WithDefault("127.0.0.1:10800")
    String igniteAddress();

    /**
     * How full Ignite's default data region may be (0 to 1) before the hot store refuses writes: Ignite halts its node
     * when the region runs out, losing the hot tier and the result cache. Refused batches wait in Pulsar.
     */
    @WithDefault("0.9")
    double hotStoreFillLimit();

    /** The deadline of one hot-store write (and of connecting to Ignite); past it the batch is redelivered. */
    @WithDefault("10s")
    Duration writeTimeout();

    /** How long REST waits for Pulsar to store the events of one request before it answers 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** The most events REST puts into one Pulsar message (a JSON array); larger requests become several. */
    @WithDefault("500")
    int eventsPerMessage();

    /** The most Pulsar messages the consumer takes into one batch (one hot-store write). */
    @WithDefault("100")
    int batchMaxMessages();

    /** How long the consumer waits for a batch to fill before it writes what it has. */
    @WithDefault("10ms")
    Duration batchTimeout();

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

    /**
     * The folder where a handoff writes the rows its Druid task reads from the gateway (deleted once the task ended):
     * room for one chunk's rows as JSON, about 300 bytes a row.
     */
    @WithDefault("${java.io.tmpdir}/junction-handoff")
    String handoffDir();

    /**
     * The gateway's URL as Druid's tasks reach it, to read the handoff files: by default {@code http://} the address
     * and port HTTP listens on. Behind containers, each gateway's own address (e.g. its pod IP), not a load balancer:
     * only the gateway that wrote a file has it.
     */
    Optional<String> handoffUrl();

    /** The connector (a file in connectors/) of the hot store, Ignite. */
    @WithDefault("ignite")
    String hotConnector();

    /**
     * The connector of the event stream, Pulsar: its {@code admin-url} keeps the topic's messages for the replay
     * period and rewinds the subscription when Ignite lost the hot table (docs/metrics.md, "Ignite restarts").
     */
    @WithDefault("pulsar")
    String streamConnector();

    /** The connector of the cold store, Druid; its {@code coordinator-url} runs the handoff tasks. */
    @WithDefault("druid")
    String coldConnector();
}
