package io.sendguard.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in people, in memory: a random 256-bit session id (the cookie), the address signed in, a CSRF token for the
 * forms of the session, and two expiries (idle, absolute). A new session is made at every sign-in (never reused, so a
 * planted cookie gains nothing). Bounded: past {@link #MAX_SESSIONS}, expired sessions go first, then the oldest.
 */
public final class Sessions {
    static final int MAX_SESSIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration idle;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One signed-in person. */
    public static final class Session {
        private final String id;
        private final String user;
        private final String csrf;
        private final Instant created;
        private volatile Instant lastSeen;

        Session(String id, String user, String csrf, Instant created) {
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        public String id() {
            return id;
        }

        /** The signed-in address, lower case. */
        public String user() {
            return user;
        }

        public String csrf() {
            return csrf;
        }
    }

    public Sessions(Duration idle, Duration max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Session start(String user) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream().min(Comparator.comparing(s -> s.created))
                    .ifPresent(oldest -> sessions.remove(oldest.id));
            }
        }
        Session session = new Session(randomToken(), user.toLowerCase(java.util.Locale.ROOT), randomToken(), now);
        sessions.put(session.id, session);
        return session;
    }

    /** The live session of that id (its idle time starts again); empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public Duration maxAge() {
        return max;
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.created.plus(max));
    }
}
