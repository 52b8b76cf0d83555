package dev.junction.sql.sketch;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantiles.DoublesSketch;
import org.apache.datasketches.quantiles.DoublesUnion;
import org.apache.datasketches.quantiles.UpdateDoublesSketch;

import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The sketches of approximate aggregates, built and merged in the gateway exactly as Druid's datasketches
 * extension builds them ({@code DS_HLL}: HLL with lgK 12, HLL_4, strings hashed as UTF-16 chars;
 * {@code DS_QUANTILES_SKETCH}: doubles sketch with k 128), and exchanged as Druid returns them over SQL: the
 * sketch's compact bytes in base64, sometimes inside JSON quotes.
 *
 * <p>Generated code reaches them only through the data context ({@link #runtime()}): it is compiled against
 * Calcite's class loader, which need not see Junction's classes, so it names only JDK types.
 */
public final class Sketches {
    /** Druid's default {@code lgK} of DS_HLL: relative standard error 1.04 / sqrt(2^12), about 1.6 %. */
    public static final int HLL_LG_K = 12;
    /** Druid's default {@code k} of DS_QUANTILES_SKETCH: normalized rank error about 1.4 % (99 % confidence). */
    public static final int QUANTILES_K = 128;

    static final String HLL_BUILD = "junction.sketch.hllBuild";
    static final String HLL_MERGE = "junction.sketch.hllMerge";
    static final String HLL_ESTIMATE = "junction.sketch.hllEstimate";
    static final String QUANTILES_BUILD = "junction.sketch.quantilesBuild";
    static final String QUANTILES_MERGE = "junction.sketch.quantilesMerge";
    static final String QUANTILE = "junction.sketch.quantile";
    static final String APPROX_QUANTILE = "junction.sketch.approxQuantile";

    private Sketches() {
    }

    /** What generated code finds in the data context under the keys the sketch functions' code names. */
    public static Map<String, Object> runtime() {
        return Map.of(
                HLL_BUILD, (Supplier<Accumulator>) HllBuild::new,
                HLL_MERGE, (Supplier<Accumulator>) HllMerge::new,
                HLL_ESTIMATE, (Function<Object[], Object>) arguments -> hllEstimate(arguments[0]),
                QUANTILES_BUILD, (Supplier<Accumulator>) QuantilesBuild::new,
                QUANTILES_MERGE, (Supplier<Accumulator>) QuantilesMerge::new,
                QUANTILE, (Function<Object[], Object>) arguments -> quantile(arguments[0], arguments[1]),
                APPROX_QUANTILE, (Supplier<Accumulator>) ApproxQuantile::new);
    }

    /** An aggregate's state: takes each row's arguments, then gives the result. */
    public interface Accumulator extends Consumer<Object[]>, Supplier<Object> {
    }

    /** The distinct count a serialized HLL sketch estimates, rounded; 0 for no sketch (no rows). */
    static long hllEstimate(Object sketch) {
        return sketch == null ? 0 : Math.round(HllSketch.heapify(bytes(sketch)).getEstimate());
    }

    /** The value at fraction {@code p} of a serialized quantiles sketch; null for no sketch or an empty one. */
    static Double quantile(Object sketch, Object p) {
        if (sketch == null || p == null) {
            return null;
        }
        DoublesSketch doubles = DoublesSketch.heapify(Memory.wrap(bytes(sketch)));
        return doubles.isEmpty() ? null : doubles.getQuantile(fraction(p));
    }

    static double fraction(Object p) {
        double fraction = ((Number) p).doubleValue();
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("APPROX_QUANTILE's fraction must be between 0 and 1, got " + p);
        }
        return fraction;
    }

    /** A sketch as Druid sends it (base64, possibly as a JSON string with quotes) or as the gateway writes it. */
    static byte[] bytes(Object sketch) {
        String text = sketch.toString().strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return Base64.getDecoder().decode(text);
    }

    static String text(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Druid's DS_HLL update: integers as longs, other numbers as doubles, strings as their UTF-16 chars. */
    static void update(HllSketch sketch, Object value) {
        switch (value) {
            case Integer number -> sketch.update(number.longValue());
            case Long number -> sketch.update(number);
            case Short number -> sketch.update(number.longValue());
            case Number number -> sketch.update(number.doubleValue());
            default -> sketch.update(value.toString().toCharArray());
        }
    }

    private static final class HllBuild implements Accumulator {
        private final HllSketch sketch = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);

        @Override
        public void accept(Object[] arguments) {
            if (arguments[0] != null) {
                update(sketch, arguments[0]);
            }
        }

        @Override
        public Object get() {
            return text(sketch.toCompactByteArray());
        }
    }

    private static final class HllMerge implements Accumulator {
        private final Union union = new Union(HLL_LG_K);

        @Override
        public void accept(Object[] arguments) {
            if (arguments[0] != null) {
                union.update(HllSketch.heapify(bytes(arguments[0])));
            }
        }

        @Override
        public Object get() {
            return text(union.getResult(TgtHllType.HLL_4).toCompactByteArray());
        }
    }

    private static final class QuantilesBuild implements Accumulator {
        private final UpdateDoublesSketch sketch = DoublesSketch.builder().setK(QUANTILES_K).build();

        @Override
        public void accept(Object[] arguments) {
            if (arguments[0] != null) {
                sketch.update(((Number) arguments[0]).doubleValue());
            }
        }

        @Override
        public Object get() {
            return text(sketch.toByteArray(true));
        }
    }

    private static final class QuantilesMerge implements Accumulator {
        private final DoublesUnion union = DoublesUnion.builder().setMaxK(QUANTILES_K).build();

        @Override
        public void accept(Object[] arguments) {
            if (arguments[0] != null) {
                union.union(DoublesSketch.heapify(Memory.wrap(bytes(arguments[0]))));
            }
        }

        @Override
        public Object get() {
            return text(union.getResult().toByteArray(true));
        }
    }

    /** APPROX_QUANTILE(x, p) computed whole in the gateway, when it could not be split into sketches. */
    private static final class ApproxQuantile implements Accumulator {
        private final UpdateDoublesSketch sketch = DoublesSketch.builder().setK(QUANTILES_K).build();
        private Object fraction;

        @Override
        public void accept(Object[] arguments) {
            if (arguments[0] != null) {
                sketch.update(((Number) arguments[0]).doubleValue());
            }
            fraction = arguments[1];
        }

        @Override
        public Object get() {
            return sketch.isEmpty() || fraction == null ? null : sketch.getQuantile(fraction(fraction));
        }
    }
}
