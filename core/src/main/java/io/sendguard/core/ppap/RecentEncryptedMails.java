package io.sendguard.core.ppap;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.sendguard.core.crypto.PerThreadHmac;


/**
 * Remembers, for a while, the mails that carried an encrypted attachment — who sent them, to whom, when — so
 * that the "password mail" that often follows (PPAP) can be recognised: same sender, an overlapping set of
 * recipients, within {@code window}. Sender and recipients are kept only as HMAC-SHA256 hashes (128 bits) under
 * a random key made at construction, so nothing here can be read back into an address; a short description of
 * the first mail (its subject and encrypted attachments, for the notice of the second) is kept in clear.
 *
 * <p>In memory only, by design: the window is minutes, and a restart loses only the pairs that straddle it (the
 * first mail is held or tagged on its own anyway). Bounded: entries older than the window are dropped on every
 * call, and beyond {@code maxEntries} the oldest go first. Thread-safe.
 */
public final class RecentEncryptedMails {
    /** A remembered mail: when it was seen and how it was described. */
    public static final class Sighting {
        private final Instant at;
        private final String description;

        Sighting(Instant at, String description) {
            this.at = at;
            this.description = description;
        }

        public Instant at() {
            return at;
        }

        /** What {@link #record} was given, e.g. {@code "見積書" (attachment:quote.zip)}. */
        public String description() {
            return description;
        }
    }

    private static final class Entry {
        final Instant at;
        final String sender;
        final Set<String> recipients;
        final String description;

        Entry(Instant at, String sender, Set<String> recipients, String description) {
            this.at = at;
            this.sender = sender;
            this.recipients = recipients;
            this.description = description;
        }
    }

    private final Duration window;
    private final int maxEntries;
    private final Clock clock;
    /** Keyed hashing per thread: it happens outside the lock. */
    private final PerThreadHmac mac;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Number of {@link #record} calls (guarded by this), so that a waiter misses none. */
    private int recorded;

    public RecentEncryptedMails(Duration window, int maxEntries, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.mac = new PerThreadHmac(secret);
    }

    /** Remembers that {@code sender} has just sent an encrypted attachment to {@code recipients}. */
    public void record(String sender, Collection<String> recipients, String description) {
        String s = hash("s", sender);
        Set<String> r = hashes(recipients);
        synchronized (this) {
            Instant now = clock.instant();
            expire(now);
            entries.addLast(new Entry(now, s, r, description));
            recorded++;
            while (entries.size() > maxEntries) {
                entries.removeFirst();
            }
            notifyAll(); // for awaitLatest
        }
    }

    /**
     * Like {@link #latest}, but when there is none yet, waits up to {@code wait} (real time) for one to be recorded:
     * James's spool handles mails in parallel, so a mail sent right after another may be looked at before the
     * earlier one has been recorded.
     */
    public Optional<Sighting> awaitLatest(String sender, Collection<String> recipients, Duration wait)
        throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        int seen = -1;
        while (true) {
            Optional<Sighting> found = latest(sender, recipients);
            if (found.isPresent()) {
                return found;
            }
            synchronized (this) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                if (seen == recorded) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                seen = recorded;
            }
        }
    }

    /**
     * The most recent mail with an encrypted attachment from {@code sender} to at least one of {@code recipients}
     * within the window, if any.
     */
    public Optional<Sighting> latest(String sender, Collection<String> recipients) {
        synchronized (this) {
            expire(clock.instant());
            if (entries.isEmpty()) {
                return Optional.empty(); // the usual case, asked for every mail: no hashing
            }
        }
        String s = hash("s", sender);
        Set<String> r = hashes(recipients);
        synchronized (this) {
            expire(clock.instant());
            Iterator<Entry> newestFirst = entries.descendingIterator();
            while (newestFirst.hasNext()) {
                Entry e = newestFirst.next();
                if (e.sender.equals(s) && e.recipients.stream().anyMatch(r::contains)) {
                    return Optional.of(new Sighting(e.at, e.description));
                }
            }
        }
        return Optional.empty();
    }

    public synchronized int size() {
        expire(clock.instant());
        return entries.size();
    }

    private void expire(Instant now) {
        Instant oldest = now.minus(window);
        while (!entries.isEmpty() && entries.peekFirst().at.isBefore(oldest)) {
            entries.removeFirst();
        }
    }

    private Set<String> hashes(Collection<String> addresses) {
        Set<String> out = new HashSet<>();
        for (String a : addresses) {
            out.add(hash("r", a));
        }
        return out;
    }

    private String hash(String kind, String address) {
        byte[] h = mac.hash((kind + ":" + address.trim().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            hex.append(Character.forDigit(h[i] >> 4 & 0xF, 16)).append(Character.forDigit(h[i] & 0xF, 16));
        }
        return hex.toString();
    }
}
