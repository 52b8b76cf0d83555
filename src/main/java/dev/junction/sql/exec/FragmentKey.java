package dev.junction.sql.exec;

import java.util.Optional;

/**
 * How generated code names a fragment when it asks the data context for its rows: one string holding the
 * fragment and its row format, decoded back by the running query.
 */
public final class FragmentKey {
    private static final String PREFIX = "junction.fragment\u0000";
    private static final char SEPARATOR = '\u0000';

    private FragmentKey() {
    }

    /** The key of a fragment whose rows are Object[] (or single values when {@code scalar}). */
    public static String encode(FragmentSpec fragment, boolean scalar) {
        return PREFIX + fragment.engine() + SEPARATOR + fragment.encodedColumnTypes() + SEPARATOR
                + fragment.encodedParameters() + SEPARATOR + scalar + SEPARATOR + fragment.sql();
    }

    /** The fragment a key names, or empty when the name is not a fragment key. */
    static Optional<Decoded> decode(String key) {
        if (!key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = key.substring(PREFIX.length()).split(String.valueOf(SEPARATOR), 5);
        return Optional.of(new Decoded(FragmentSpec.decode(parts[0], parts[4], parts[1], parts[2]),
                Boolean.parseBoolean(parts[3])));
    }

    /**
     * @param fragment the fragment
     * @param scalar whether each row is the single column's value rather than an Object[]
     */
    record Decoded(FragmentSpec fragment, boolean scalar) {
    }
}
