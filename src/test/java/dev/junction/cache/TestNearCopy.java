package dev.junction.cache;

import dev.junction.sql.Column;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestNearCopy {
    private static final long NOW = 1_000_000L;

    @Test
    void answersOnlyWhileLiveAndForTheSameStamp() {
        NearCopy near = new NearCopy(1_000);
        near.keep(near.epoch(), "e", result("s1", 0), 100);
        assertThat(near.answer("e", "s1", NOW)).isEmpty();

        near.reset(true);
        near.keep(near.epoch(), "e", result("s1", 0), 100);

        assertThat(near.answer("e", "s1", NOW)).map(CachedResult::stamp).contains("s1");
        assertThat(near.answer("e", "s2", NOW)).isEmpty();
        near.reset(false);
        assertThat(near.answer("e", "s1", NOW)).isEmpty();
        assertThat(near.size()).isZero();
    }

    @Test
    void anAnswerPastItsTtlIsDropped() {
        NearCopy near = live();
        near.keep(near.epoch(), "e", result("s", 30_000), 100);

        assertThat(near.answer("e", "s", NOW + 29_999)).isPresent();
        assertThat(near.answer("e", "s", NOW + 30_000)).isEmpty();
        assertThat(near.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedAnswersGoBeyondTheBudget() {
        NearCopy near = live();
        near.keep(near.epoch(), "a", result("s", 0), 400);
        near.keep(near.epoch(), "b", result("s", 0), 400);
        near.answer("a", "s", NOW);
        near.keep(near.epoch(), "c", result("s", 0), 400);
        near.keep(near.epoch(), "huge", result("s", 0), 1_001);

        assertThat(near.answer("a", "s", NOW)).isPresent();
        assertThat(near.answer("b", "s", NOW)).isEmpty();
        assertThat(near.answer("c", "s", NOW)).isPresent();
        assertThat(near.answer("huge", "s", NOW)).isEmpty();
        assertThat(near.size()).isEqualTo(2);
    }

    @Test
    void versionsAreKnownWhenEveryTableIsAndReportsWinOverReads() {
        NearCopy near = live();
        long epoch = near.epoch();
        near.reported("druid.orders", 7L);
        near.learned(epoch, Map.of("druid.orders", 6L, "trino.t", 3L));

        assertThat(near.versions(Set.of("druid.orders", "trino.t"))).contains(Map.of("druid.orders", 7L, "trino.t", 3L));
        assertThat(near.versions(Set.of("druid.orders", "ignite.x"))).isEmpty();

        near.bumped("trino.t", 4L);
        near.reported("druid.orders", null);
        assertThat(near.versions(Set.of("trino.t"))).contains(Map.of("trino.t", 4L));
        assertThat(near.versions(Set.of("druid.orders"))).isEmpty();
    }

    @Test
    void whatAnEarlierConnectionReadIsNotKept() {
        NearCopy near = live();
        long before = near.epoch();
        near.reset(true);

        near.learned(before, Map.of("druid.orders", 6L));
        near.keep(before, "e", result("s", 0), 100);

        assertThat(near.versions(Set.of("druid.orders"))).isEmpty();
        assertThat(near.answer("e", "s", NOW)).isEmpty();
    }

    private static NearCopy live() {
        NearCopy near = new NearCopy(1_000);
        near.reset(true);
        return near;
    }

    private static CachedResult result(String stamp, long ttlMillis) {
        return new CachedResult(List.of(new Column("n", "BIGINT")), List.<Object[]>of(new Object[] {1L}), false, NOW,
                stamp, ttlMillis);
    }
}
