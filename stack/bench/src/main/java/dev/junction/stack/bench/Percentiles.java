package dev.junction.stack.bench;

import java.util.List;

/** Median, p95 and other percentiles of measured latencies (nearest rank). */
final class Percentiles {
    private Percentiles() {
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    static double p95(List<Double> values) {
        return percentile(values, 0.95);
    }

    static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
