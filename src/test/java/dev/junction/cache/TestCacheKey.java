package dev.junction.cache;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestCacheKey {
    private static final String PLAN = "EngineFragment(engine=[druid])";

    @Test
    void theSameInputsMakeTheSameKeys() {
        String entry = CacheKey.entry(PLAN, List.of(1L), "default", 100);
        String stamp = CacheKey.stamp(entry, Map.of("druid.orders", 3L, "ignite.TPCH.NATION", 0L));

        assertThat(entry).matches("[0-9a-f]{64}");
        assertThat(stamp).matches("[0-9a-f]{64}").isNotEqualTo(entry);
        assertThat(CacheKey.entry(PLAN, List.of(1L), "default", 100)).isEqualTo(entry);
        assertThat(CacheKey.stamp(entry, Map.of("ignite.TPCH.NATION", 0L, "druid.orders", 3L))).isEqualTo(stamp);
    }

    @Test
    void planParametersTenantAndMaxRowsChangeTheEntry() {
        String entry = CacheKey.entry(PLAN, List.of(1L), "default", 100);

        assertThat(List.of(
                CacheKey.entry(PLAN + " ", List.of(1L), "default", 100),
                CacheKey.entry(PLAN, List.of(2L), "default", 100),
                CacheKey.entry(PLAN, List.of("1"), "default", 100),
                CacheKey.entry(PLAN, Arrays.asList((Object) null), "default", 100),
                CacheKey.entry(PLAN, List.of(1L), "acme", 100),
                CacheKey.entry(PLAN, List.of(1L), "default", 99)))
                .doesNotContain(entry)
                .doesNotHaveDuplicates();
    }

    @Test
    void anyVersionChangesTheStamp() {
        String entry = CacheKey.entry(PLAN, List.of(), "default", 100);
        String stamp = CacheKey.stamp(entry, Map.of("druid.orders", 3L, "druid.lineitem", 7L));

        assertThat(List.of(
                CacheKey.stamp(entry, Map.of("druid.orders", 4L, "druid.lineitem", 7L)),
                CacheKey.stamp(entry, Map.of("druid.orders", 3L, "druid.lineitem", 8L)),
                CacheKey.stamp(entry, Map.of("druid.orders", 3L)),
                CacheKey.stamp(CacheKey.entry(PLAN, List.of(), "default", 99),
                        Map.of("druid.orders", 3L, "druid.lineitem", 7L))))
                .doesNotContain(stamp)
                .doesNotHaveDuplicates();
    }
}
