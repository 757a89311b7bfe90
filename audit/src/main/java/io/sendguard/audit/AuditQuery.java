package io.sendguard.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * What to look for in the trail: a time range ({@code from} inclusive, {@code to} exclusive), the sender,
 * a recipient (given in clear: matched by hash when the log hashes addresses), the Message-ID, the type,
 * and at most {@code limit} records, oldest first. Immutable.
 */
public final class AuditQuery {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    private final Instant from;
    private final Instant to;
    private final String sender;
    private final String recipient;
    private final String messageId;
    private final AuditEventType type;
    private final int limit;

    private AuditQuery(Instant from, Instant to, String sender, String recipient, String messageId,
                       AuditEventType type, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        this.from = from;
        this.to = to;
        this.sender = sender;
        this.recipient = recipient;
        this.messageId = messageId;
        this.type = type;
        this.limit = limit;
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public AuditQuery from(Instant from) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public AuditQuery to(Instant to) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public AuditQuery sender(String sender) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public AuditQuery recipient(String recipient) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public AuditQuery messageId(String messageId) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public AuditQuery type(AuditEventType type) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public AuditQuery limit(int limit) {
        return new AuditQuery(from, to, sender, recipient, messageId, type, limit);
    }

    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    public int limit() {
        return limit;
    }

    /** Whether a stored event matches, addresses compared under the log's policies. */
    boolean matches(AuditEvent event, AddressPolicy senders, AddressPolicy recipients) {
        Instant time = event.time().orElse(Instant.EPOCH);
        if (from != null && time.isBefore(from)) {
            return false;
        }
        if (to != null && !time.isBefore(to)) {
            return false;
        }
        if (type != null && event.type() != type) {
            return false;
        }
        if (messageId != null && !messageId.trim().equals(event.messageId().orElse(null))) {
            return false;
        }
        if (sender != null && !senders.matches(event.sender().orElse(null), sender)) {
            return false;
        }
        return recipient == null || event.recipients().stream().anyMatch(r -> recipients.matches(r, recipient));
    }
}
