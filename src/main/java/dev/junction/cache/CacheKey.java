package dev.junction.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The keys of cached answers. An answer's full key is a SHA-256 hash of the plan's digest, the parameter values,
 * the tenant, the most rows asked for, and the data version of every table the plan reads: its {@link #stamp}.
 * Ignite holds the answer under the same hash without the versions ({@link #entry}) with the stamp inside, so
 * that one round trip reads the answer and the tables' current versions together; an answer whose stamp is not
 * the current one is never returned, exactly as if its key were gone, and the next answer replaces it.
 */
public final class CacheKey {
    private CacheKey() {
    }

    /** Where the answer of this plan, these parameters and this tenant is kept, as 64 hexadecimal digits. */
    public static String entry(String digest, List<Object> parameters, String tenant, long maxRows) {
        MessageDigest sha = sha256();
        field(sha, "plan", digest);
        for (Object parameter : parameters) {
            // The type is part of the value: 1 (a number) and "1" (text) may plan alike yet answer differently.
            field(sha, "parameter", parameter == null ? "null" : parameter.getClass().getName() + ":" + parameter);
        }
        field(sha, "tenant", tenant);
        field(sha, "max_rows", Long.toString(maxRows));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The full key: the entry's key and the data versions of the tables the plan reads, in any order. */
    public static String stamp(String entry, Map<String, Long> versions) {
        MessageDigest sha = sha256();
        field(sha, "entry", entry);
        SortedMap<String, Long> sorted = new TreeMap<>(versions);
        sorted.forEach((table, version) -> field(sha, "version", table + "=" + version));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Each field with its name and length, so that no two different lists of fields hash the same bytes. */
    private static void field(MessageDigest sha, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
