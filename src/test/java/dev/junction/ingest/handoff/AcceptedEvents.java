package dev.junction.ingest.handoff;

import dev.junction.ingest.ChunkClock;
import dev.junction.ingest.handoff.HandoffEngines.Totals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one metric name that a test posts to a gateway in batches, each event with an id of its own (a batch
 * sent again is stored once), and what became of them: accepted (answered 202), or in doubt (sent without a 202: an
 * error or no answer; some may have been stored, so the test sends the batch again until it is accepted). Answers of
 * the gateway are checked against them.
 */
final class AcceptedEvents {
    /** Events posted in one request: {@code size} events at one time, valued {@code first}, {@code first + 1}, …. */
    record Batch(Instant at, long first, List<Map<String, Object>> events) {
        Batch {
            events = List.copyOf(events);
        }

        Totals totals() {
            long last = first + events.size() - 1;
            return new Totals(events.size(), (first + last) * events.size() / 2.0);
        }
    }

    private final String name;
    private final String host;
    private final ChunkClock clock;
    private final List<Batch> accepted = new ArrayList<>();
    private final SequencedSet<Batch> inDoubt = new LinkedHashSet<>();
    private long value;
    private Totals answered = new Totals(0, 0);

    /**
     * @param name the metric name of every event (unique to the run: the tests count by it)
     * @param host the events' host tag
     * @param clock the gateway's chunks, for {@link #chunks}
     */
    AcceptedEvents(String name, String host, ChunkClock clock) {
        this.name = name;
        this.host = host;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    /** Five new events stamped now. */
    Batch next() {
        return at(Instant.now());
    }

    /** Five new events stamped {@code time} (one in a closed chunk is late). */
    Batch at(Instant time) {
        Instant at = time.truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> batch = new ArrayList<>();
        long first = value + 1;
        for (int i = 0; i < 5; i++) {
            value++;
            batch.add(Map.of("id", name + "-" + value, "name", name, "type", "count", "value", value,
                    "tags", Map.of("host", host), "timestamp", at.toString()));
        }
        return new Batch(at, first, batch);
    }

    /** The gateway answered 202 for every event of the batch. */
    void accept(Batch batch) {
        inDoubt.remove(batch);
        accepted.add(batch);
    }

    /** The batch was sent and not accepted: it may have been stored in part or whole, and must be sent again. */
    void doubt(Batch batch) {
        inDoubt.add(batch);
    }

    /** The batches in doubt, oldest first. */
    List<Batch> inDoubt() {
        return List.copyOf(inDoubt);
    }

    /** The ids of the accepted events. */
    Set<String> acceptedIds() {
        Set<String> ids = new HashSet<>();
        accepted.forEach(batch -> batch.events().forEach(event -> ids.add((String) event.get("id"))));
        return ids;
    }

    /** The accepted events stamped within {@code [start, end)}. */
    Totals within(Instant start, Instant end) {
        return accepted.stream().filter(batch -> !batch.at().isBefore(start) && batch.at().isBefore(end))
                .map(Batch::totals).reduce(new Totals(0, 0), Totals::plus);
    }

    /** How many chunks of {@code [start, end)} hold accepted events. */
    long chunks(Instant start, Instant end) {
        return accepted.stream().map(Batch::at).filter(at -> !at.isBefore(start) && at.isBefore(end))
                .map(clock::start).distinct().count();
    }

    /**
     * An answer (COUNT and SUM) never counts more than was accepted, nor fewer than an earlier answer. Batches in
     * doubt may count: a request that failed may have been stored before its answer was lost.
     */
    void check(List<BigDecimal> answer) {
        Totals now = checkAtMost(answer);
        assertThat(now.count()).as("never fewer than an earlier answer").isGreaterThanOrEqualTo(answered.count());
        assertThat(now.sum()).as("never less than an earlier answer").isGreaterThanOrEqualTo(answered.sum());
        answered = now;
    }

    /**
     * An answer never counts more than was accepted (and in doubt): no event twice, even while answers may fall short
     * (the hot tier refilling); returns it.
     */
    Totals checkAtMost(List<BigDecimal> answer) {
        Totals all = within(Instant.EPOCH, Instant.MAX);
        Totals possible = inDoubt.stream().map(Batch::totals).reduce(all, Totals::plus);
        Totals now = new Totals(answer.get(0).longValueExact(),
                answer.get(1) == null ? 0 : answer.get(1).doubleValue());
        assertThat(now.count()).as("never more than accepted").isLessThanOrEqualTo(possible.count());
        assertThat(now.sum()).as("never more than accepted").isLessThanOrEqualTo(possible.sum());
        return now;
    }

    /** The answer counts every accepted event once; no batch is in doubt any more. */
    void assertExact(List<BigDecimal> answer) {
        assertThat(inDoubt).as("batches sent but never accepted").isEmpty();
        Totals all = within(Instant.EPOCH, Instant.MAX);
        assertThat(answer.get(0)).isEqualByComparingTo(BigDecimal.valueOf(all.count()));
        assertThat(answer.get(1)).isEqualByComparingTo(BigDecimal.valueOf((long) all.sum()));
    }
}
