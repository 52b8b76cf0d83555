package dev.junction.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.exporter.common.TextFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Current metric values in the Prometheus text exposition format (version 0.0.4), written by the Prometheus
 * client library's own writer: one gauge family per metric name ({@code api.response.time} becomes
 * {@code api_response_time}), one sample per series, labelled with its tenant and tags, stamped with the time of
 * its latest point.
 */
public final class PrometheusExport {
    /** The media type of the format. */
    public static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

    private static final Pattern NOT_NAME = Pattern.compile("[^a-zA-Z0-9_:]");
    private static final Pattern NOT_LABEL = Pattern.compile("[^a-zA-Z0-9_]");

    private PrometheusExport() {
    }

    public static String write(List<CurrentValues.Series> series) {
        Map<String, List<CurrentValues.Series>> byName = new TreeMap<>();
        for (CurrentValues.Series one : series) {
            byName.computeIfAbsent(one.name(), name -> new ArrayList<>()).add(one);
        }
        List<Collector.MetricFamilySamples> families = new ArrayList<>();
        byName.forEach((name, members) -> {
            String family = metricName(name);
            List<Collector.MetricFamilySamples.Sample> samples = new ArrayList<>();
            for (CurrentValues.Series member : members) {
                List<String> labelNames = new ArrayList<>();
                List<String> labelValues = new ArrayList<>();
                member.labels().forEach((label, value) -> {
                    labelNames.add(labelName(label));
                    labelValues.add(value);
                });
                samples.add(new Collector.MetricFamilySamples.Sample(family, labelNames, labelValues, member.value(),
                        member.timestamp().toEpochMilli()));
            }
            String type = members.get(0).type();
            families.add(new Collector.MetricFamilySamples(family, Collector.Type.GAUGE,
                    "Latest value of Junction metric " + name + (type == null ? "" : " (type " + type + ")"), samples));
        });
        StringWriter out = new StringWriter();
        try {
            TextFormat.write004(out, Collections.enumeration(families));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A Prometheus metric name: letters, digits, _ and :, not starting with a digit. */
    static String metricName(String name) {
        String cleaned = NOT_NAME.matcher(name).replaceAll("_");
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

    static String labelName(String name) {
        String cleaned = NOT_LABEL.matcher(name).replaceAll("_");
        return Character.isDigit(cleaned.charAt(0)) || cleaned.startsWith("__") ? "_" + cleaned : cleaned;
    }
}
