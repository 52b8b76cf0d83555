package dev.junction.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.config.DurationText;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one metric event of the seed format ({@code name}, {@code type}, {@code value}, {@code tags}, optional
 * {@code timestamp}, {@code window}, {@code tenant} and {@code id}) from JSON and checks it: every problem is
 * reported, with the field it concerns. Unknown fields are ignored, for producers newer than the gateway.
 */
public final class MetricEventReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_ID_LENGTH = 128;
    /** Epoch numbers below this are seconds, above it milliseconds (10^11 s is the year 5138). */
    private static final long EPOCH_SECONDS_BELOW = 100_000_000_000L;

    private final MetricLimits limits;

    public MetricEventReader(MetricLimits limits) {
        this.limits = limits;
    }

    /** One problem of an invalid event: the field it concerns and what is wrong, for the producer. */
    public record Problem(String field, String message) {
    }

    /** An event read: valid, or the problems that make it invalid. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(MetricEvent event) implements Result {
    }

    public record Invalid(List<Problem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }

        /** Every problem as one sentence, for a dead-letter record or a log line. */
        public String reason() {
            return String.join("; ", problems.stream().map(problem -> problem.field() + ": " + problem.message())
                    .toList());
        }
    }

    /**
     * Reads an event that arrived now.
     *
     * @param now the gateway's clock, which the timestamp limits are measured from and which an event without
     *     a timestamp gets
     */
    public Result read(JsonNode item, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (item == null || !item.isObject()) {
            return new Invalid(List.of(new Problem("event", "must be a JSON object")));
        }
        String name = name(item.get("name"), problems);
        MetricType type = type(item.get("type"), problems);
        double value = value(item.get("value"), problems);
        Map<String, String> tags = tags(item.get("tags"), problems);
        Instant timestamp = timestamp(item.get("timestamp"), now, problems);
        Optional<Duration> window = window(item.get("window"), problems);
        String tenant = text(item.get("tenant")).orElse(limits.defaultTenant());
        if (!TENANT.matcher(tenant).matches()) {
            problems.add(new Problem("tenant", "must be 1 to 64 letters, digits, '_', '.' or '-'"));
        }
        String id = id(item, problems);
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new MetricEvent(id, tenant, name, type, value, tags, timestamp, window));
    }

    private String name(JsonNode node, List<Problem> problems) {
        Optional<String> name = text(node);
        if (name.isEmpty()) {
            problems.add(new Problem("name", "is required, a string such as \"api.response.time\""));
            return "";
        }
        if (name.get().length() > limits.maxNameLength() || !NAME.matcher(name.get()).matches()) {
            problems.add(new Problem("name", "'" + abbreviate(name.get()) + "' is not a metric name: a letter or '_',"
                    + " then letters, digits, '_', '.', ':' or '-', at most " + limits.maxNameLength() + " characters"));
        }
        return name.get();
    }

    private static MetricType type(JsonNode node, List<Problem> problems) {
        Optional<MetricType> type = text(node).flatMap(MetricType::parse);
        if (type.isEmpty()) {
            problems.add(new Problem("type", (node == null || node.isNull() ? "is required" : "'" + node.asText()
                    + "' is not a metric type") + "; one of count, sum, average, min, max, percentile, rate, unique"));
            return MetricType.COUNT;
        }
        return type.get();
    }

    private static double value(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            problems.add(new Problem("value", "is required, a number"));
            return 0;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            problems.add(new Problem("value", "must be a finite number, got "
                    + abbreviate(node.isNumber() ? node.asText() : node.toString())));
            return 0;
        }
        return node.asDouble();
    }

    private Map<String, String> tags(JsonNode node, List<Problem> problems) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isObject()) {
            problems.add(new Problem("tags", "must be an object of tag names to values"));
            return tags;
        }
        if (node.size() > limits.maxTags()) {
            problems.add(new Problem("tags", "has " + node.size() + " tags; at most " + limits.maxTags()));
            return tags;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = fields.next();
            String key = tag.getKey();
            JsonNode value = tag.getValue();
            if (key.length() > limits.maxTagKeyLength() || !TAG_KEY.matcher(key).matches()) {
                problems.add(new Problem("tags", "'" + abbreviate(key) + "' is not a tag name: a letter or '_', then"
                        + " letters, digits, '_', '.' or '-', at most " + limits.maxTagKeyLength() + " characters"));
            } else if (!value.isValueNode() || value.isNull()) {
                problems.add(new Problem("tags." + key, "must be a string, a number or a boolean"));
            } else if (value.asText().length() > limits.maxTagValueLength()) {
                problems.add(new Problem("tags." + key, "is " + value.asText().length() + " characters long; at most "
                        + limits.maxTagValueLength()));
            } else {
                tags.put(key, value.asText());
            }
        }
        return tags;
    }

    private Instant timestamp(JsonNode node, Instant now, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return now;
        }
        Instant timestamp;
        if (node.isIntegralNumber()) {
            long epoch = node.asLong();
            timestamp = Math.abs(epoch) < EPOCH_SECONDS_BELOW ? Instant.ofEpochSecond(epoch) : Instant.ofEpochMilli(epoch);
        } else if (node.isTextual()) {
            try {
                timestamp = Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                problems.add(new Problem("timestamp", "'" + abbreviate(node.asText()) + "' is not an ISO-8601 instant"
                        + " such as \"2026-12-01T10:15:30Z\" (epoch seconds or milliseconds as a number work too)"));
                return now;
            }
        } else {
            problems.add(new Problem("timestamp", "must be an ISO-8601 string or epoch seconds or milliseconds"));
            return now;
        }
        if (timestamp.isAfter(now.plus(limits.maxFuture()))) {
            problems.add(new Problem("timestamp", timestamp + " is more than " + describe(limits.maxFuture())
                    + " in the future"));
        } else if (timestamp.isBefore(now.minus(limits.maxAge()))) {
            problems.add(new Problem("timestamp", timestamp + " is more than " + describe(limits.maxAge()) + " old"));
        }
        return timestamp;
    }

    private static Optional<Duration> window(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Optional<Duration> window = text(node).flatMap(DurationText::parse)
                .filter(duration -> !duration.isNegative() && !duration.isZero());
        if (window.isEmpty()) {
            problems.add(new Problem("window", "must be a positive duration such as \"1m\" or \"30s\""));
        }
        return window;
    }

    private static String id(JsonNode item, List<Problem> problems) {
        JsonNode node = item.hasNonNull("id") ? item.get("id") : item.get("event_id");
        if (node == null || node.isNull()) {
            return UUID.randomUUID().toString();
        }
        String id = node.asText();
        if (!node.isValueNode() || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            problems.add(new Problem("id", "must be a string of 1 to " + MAX_ID_LENGTH + " characters"));
        }
        return id;
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip())
                : Optional.empty();
    }

    /** {@code 7d}, {@code 5m}, {@code 90s}: the largest whole unit. */
    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
