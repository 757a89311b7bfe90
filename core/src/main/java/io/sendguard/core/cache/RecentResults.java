package io.sendguard.core.cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The results of a pure function for the keys seen lately: per-mail work that mails repeat (the same
 * domains, charset labels, look-alike questions) is done once. Bounded: when {@code capacity} keys are
 * kept, all are forgotten and the next ones fill it again (cheaper than keeping an order, and enough for
 * a working set that is small next to the capacity). Thread-safe; two threads may compute one key at once.
 *
 * @param <K> key
 * @param <V> result (never null: wrap an absent result in an Optional)
 */
public final class RecentResults<K, V> {
    private final ConcurrentHashMap<K, V> results = new ConcurrentHashMap<>();
    private final int capacity;

    /** @param capacity how many keys are kept at most (at least 1) */
    public RecentResults(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * @param key     the argument
     * @param compute the function (pure: the same key always gives an equal result)
     * @return the kept result for the key, or the computed one, then kept
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V result = results.get(key);
        if (result == null) {
            result = Objects.requireNonNull(compute.apply(key), "result");
            if (results.size() >= capacity) {
                results.clear();
            }
            results.put(key, result);
        }
        return result;
    }

    /** How many results are kept now (tests). */
    int size() {
        return results.size();
    }
}
