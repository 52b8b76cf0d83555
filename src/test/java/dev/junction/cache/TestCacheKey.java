package dev.junction.cache;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestCacheKey {
    private static final String PLAN = "EngineFragment(engine=[druid])";

    @Test
    void theSameInputsMakeTheSameKey() {
        String key = CacheKey.of(PLAN, List.of(1L), "default", Map.of("druid.orders", 3L, "ignite.TPCH.NATION", 0L), 100);

        assertThat(key).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(CacheKey.of(PLAN, List.of(1L), "default", Map.of("ignite.TPCH.NATION", 0L, "druid.orders", 3L), 100))
                .isEqualTo(key);
    }

    @Test
    void eachPartChangesTheKey() {
        String key = CacheKey.of(PLAN, List.of(1L), "default", Map.of("druid.orders", 3L), 100);

        assertThat(List.of(
                CacheKey.of(PLAN + " ", List.of(1L), "default", Map.of("druid.orders", 3L), 100),
                CacheKey.of(PLAN, List.of(2L), "default", Map.of("druid.orders", 3L), 100),
                CacheKey.of(PLAN, List.of("1"), "default", Map.of("druid.orders", 3L), 100),
                CacheKey.of(PLAN, Arrays.asList((Object) null), "default", Map.of("druid.orders", 3L), 100),
                CacheKey.of(PLAN, List.of(1L), "acme", Map.of("druid.orders", 3L), 100),
                CacheKey.of(PLAN, List.of(1L), "default", Map.of("druid.orders", 4L), 100),
                CacheKey.of(PLAN, List.of(1L), "default", Map.of("druid.orders", 3L), 99)))
                .doesNotContain(key)
                .doesNotHaveDuplicates();
    }
}
