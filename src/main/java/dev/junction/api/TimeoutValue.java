package dev.junction.api;

import dev.junction.config.DurationText;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;

import java.time.Duration;

/** A query timeout as clients of every protocol write it: seconds (a number or digits), or a duration's text. */
public final class TimeoutValue {
    private TimeoutValue() {
    }

    /**
     * @param value a number of seconds, or text such as {@code 500ms}, {@code 30s}, {@code 2m} or ISO-8601
     * @throws JunctionException INVALID_REQUEST when the value is no duration
     */
    public static Duration parse(Object value) {
        if (value instanceof Number seconds) {
            return Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
        }
        String text = value.toString().strip();
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        return DurationText.parse(text).orElseThrow(() -> new JunctionException(ErrorCode.INVALID_REQUEST,
                "timeout must be seconds or a duration such as \"500ms\", \"30s\", \"2m\"; got \"" + value + "\""));
    }
}
