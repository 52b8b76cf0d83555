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
 * The key of one cached answer: a SHA-256 hash of the plan's digest, the parameter values, the tenant, the
 * data version of every table the plan reads, and the most rows asked for. A new data version of any of
 * those tables makes a new key, so an old entry is never read again (it expires by its TTL).
 */
public final class CacheKey {
    private CacheKey() {
    }

    /** The key, as 64 hexadecimal digits. */
    public static String of(String digest, List<Object> parameters, String tenant, Map<String, Long> versions,
            long maxRows) {
        MessageDigest sha = sha256();
        field(sha, "plan", digest);
        for (Object parameter : parameters) {
            // The type is part of the value: 1 (a number) and "1" (text) may plan alike yet answer differently.
            field(sha, "parameter", parameter == null ? "null" : parameter.getClass().getName() + ":" + parameter);
        }
        field(sha, "tenant", tenant);
        SortedMap<String, Long> sorted = new TreeMap<>(versions);
        sorted.forEach((table, version) -> field(sha, "version", table + "=" + version));
        field(sha, "max_rows", Long.toString(maxRows));
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
