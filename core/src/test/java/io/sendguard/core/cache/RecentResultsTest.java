package io.sendguard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RecentResultsTest {

    @Test
    void shouldComputeEachKeyOnceWhileItIsKept() {
        RecentResults<String, Integer> results = new RecentResults<>(10);
        AtomicInteger calls = new AtomicInteger();

        assertThat(results.get("abc", k -> { calls.incrementAndGet(); return k.length(); })).isEqualTo(3);
        assertThat(results.get("abc", k -> { calls.incrementAndGet(); return -1; })).isEqualTo(3);
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldNeverKeepMoreThanItsCapacity() {
        RecentResults<Integer, Integer> results = new RecentResults<>(3);
        for (int i = 0; i < 100; i++) {
            assertThat(results.get(i, k -> k * 2)).isEqualTo(i * 2);
            assertThat(results.size()).isBetween(1, 3);
        }
    }

    @Test
    void shouldRefuseNullResultsAndNoCapacity() {
        RecentResults<String, String> results = new RecentResults<>(1);
        assertThatThrownBy(() -> results.get("x", k -> null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RecentResults<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
