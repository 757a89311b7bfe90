package io.sendguard.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-in and link attempts per client address, in fixed windows: once an address used up its attempts of the
 * current window, every sign-in and link request from it is answered 429 with the time to wait, until the window ends.
 * Bounded in memory (an attacker cycling addresses cannot grow it without limit).
 */
public final class RateLimiter {
    static final int MAX_ADDRESSES = 100_000;

    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final Instant start;
        int count;

        Window(Instant start) {
            this.start = start;
        }
    }

    public RateLimiter(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
        this.window = window;
        this.clock = clock;
    }

    /** @return how long the address must wait before it may try again; empty when it may try now */
    public Optional<Duration> blocked(String address) {
        Window w = windows.get(address);
        if (w == null) {
            return Optional.empty();
        }
        synchronized (w) {
            Instant end = w.start.plus(window);
            Instant now = clock.instant();
            if (!now.isBefore(end)) {
                windows.remove(address, w);
                return Optional.empty();
            }
            return w.count >= attempts ? Optional.of(Duration.between(now, end)) : Optional.empty();
        }
    }

    /** Counts one failed attempt of the address. */
    public void failed(String address) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_ADDRESSES) {
            purge(now);
        }
        while (true) {
            Window w = windows.computeIfAbsent(address, a -> new Window(now));
            synchronized (w) {
                if (!now.isBefore(w.start.plus(window))) {
                    windows.remove(address, w);
                    continue;
                }
                w.count++;
                return;
            }
        }
    }

    private void purge(Instant now) {
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().getValue().start.plus(window))) {
                it.remove();
            }
        }
        if (windows.size() >= MAX_ADDRESSES) {
            // still full of live windows: forget them rather than grow (the attacker gains one window)
            windows.clear();
        }
    }
}
