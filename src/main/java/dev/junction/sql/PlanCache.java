package dev.junction.sql;

import org.apache.calcite.schema.SchemaPlus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plans of recently seen statements, by their exact text, for one catalog generation: planning is the
 * gateway's main cost (tens to hundreds of milliseconds), and dashboards send the same statements again and
 * again. The least recently used plan goes first; a new catalog root (a refresh) empties the cache.
 */
final class PlanCache {
    private final int capacity;
    private final Map<String, PlannedQuery> plans;
    private SchemaPlus generation;

    PlanCache(int capacity) {
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PlannedQuery> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    /** The plan made for this text against this catalog root, if still kept. */
    synchronized Optional<PlannedQuery> find(SchemaPlus root, String sql) {
        if (root != generation) {
            plans.clear();
            generation = root;
            return Optional.empty();
        }
        return Optional.ofNullable(plans.get(sql));
    }

    /** Keeps a new plan, and returns it. */
    synchronized PlannedQuery keep(SchemaPlus root, String sql, PlannedQuery planned) {
        if (capacity > 0 && root == generation) {
            plans.put(sql, planned);
        }
        return planned;
    }
}
