package dev.junction.api;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as clients of every protocol write it: seconds, {@code 500ms}/{@code 30s}/{@code 2m}/{@code 1h}, or ISO-8601. */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @param value a number of seconds, or text
     * @throws JunctionException INVALID_REQUEST when the value is no duration
     */
    public static Duration parse(Object value) {
        if (value instanceof Number seconds) {
            return Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        Matcher matcher = DURATION.matcher(text);
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            long unitMillis = switch (matcher.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            return Duration.ofMillis(Math.round(amount * unitMillis));
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new JunctionException(ErrorCode.INVALID_REQUEST,
                    "timeout must be seconds or a duration such as \"500ms\", \"30s\", \"2m\"; got \"" + value + "\"");
        }
    }
}
