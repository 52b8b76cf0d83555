package dev.junction.cache;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This gateway's copy of recent answers and of the data versions, so that a hit needs no round trip to Ignite.
 * Ignite stays the cache every gateway shares: answers are written there and read from there on a miss of the
 * copy; the copy only saves the read of an answer this gateway has seen, whose stamp still matches the versions.
 *
 * <p>The versions are trusted only while {@link #live()}: a continuous query on the Ignite cache reports every
 * version another gateway writes, within milliseconds, and this gateway's own bumps land here at once. When the
 * connection to Ignite ends, the copy is emptied and stops answering until a new continuous query runs, so an
 * answer is never taken from it while Ignite is out of reach.
 *
 * <p>Answers are kept in least-recently-used order up to a byte budget (their encoded size), and never past
 * their TTL.
 */
final class NearCopy {
    private final long maxBytes;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Held> answers = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private volatile boolean live;
    // Changes whenever the copy is emptied: what was read from an earlier connection is not learned.
    private volatile long epoch;

    /** An answer and its encoded size. */
    private record Held(CachedResult result, int bytes) {
    }

    /** @param maxBytes the answers' budget, in encoded bytes; 0 keeps none */
    NearCopy(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The current epoch, to be passed back with what an Ignite read found ({@link #learned}). */
    long epoch() {
        return epoch;
    }

    /** Empties the copy; it answers again once {@code live} (a new continuous query runs). */
    synchronized void reset(boolean live) {
        this.live = false;
        epoch++;
        versions.clear();
        answers.clear();
        bytes = 0;
        this.live = live;
    }

    /** The tables' versions, when the copy knows every one of them and is live. */
    Optional<Map<String, Long>> versions(Set<String> tables) {
        if (!live) {
            return Optional.empty();
        }
        Map<String, Long> known = new HashMap<>();
        for (String table : tables) {
            Long version = versions.get(table);
            if (version == null) {
                return Optional.empty();
            }
            known.put(table, version);
        }
        return Optional.of(known);
    }

    /** Versions an Ignite read found; a version the continuous query reported meanwhile is newer and stays. */
    void learned(long readEpoch, Map<String, Long> found) {
        if (readEpoch == epoch) {
            found.forEach(versions::putIfAbsent);
        }
    }

    /** This gateway moved a table's version (compare-and-set in Ignite succeeded). */
    void bumped(String table, long version) {
        versions.merge(table, version, Math::max);
    }

    /** The continuous query reported a version written (or removed: {@code version} null) in Ignite. */
    void reported(String table, Long version) {
        if (version == null) {
            versions.remove(table);
        } else {
            versions.put(table, version);
        }
    }

    /** The answer kept under the entry, if its stamp is this one and its TTL has not run out. */
    synchronized Optional<CachedResult> answer(String entry, String stamp, long nowMillis) {
        if (!live) {
            return Optional.empty();
        }
        Held held = answers.get(entry);
        if (held == null || !held.result().stamp().equals(stamp)) {
            return Optional.empty();
        }
        if (held.result().expired(nowMillis)) {
            forget(entry);
            return Optional.empty();
        }
        return Optional.of(held.result());
    }

    /** Keeps an answer written to or read from Ignite, dropping the least recently used beyond the budget. */
    synchronized void keep(long readEpoch, String entry, CachedResult result, int encodedBytes) {
        if (!live || readEpoch != epoch || encodedBytes > maxBytes) {
            return;
        }
        forget(entry);
        answers.put(entry, new Held(result, encodedBytes));
        bytes += encodedBytes;
        Iterator<Held> oldest = answers.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().bytes();
            oldest.remove();
        }
    }

    /** Answers kept now. */
    synchronized int size() {
        return answers.size();
    }

    private void forget(String entry) {
        Held old = answers.remove(entry);
        if (old != null) {
            bytes -= old.bytes();
        }
    }
}
