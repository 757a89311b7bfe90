package io.sendguard.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to one mail, as the audit trail keeps it: when, what, which mail (its
 * Message-ID, James mail name and held-mail id), the sender, the recipients, who acted and why, the
 * findings (masked), and a few details (the DKIM domain, the release reason...). Immutable; build with
 * {@link #builder(AuditEventType)}. Addresses are given in clear: the log hashes them as configured
 * ({@link AddressPolicy}). Times are kept to the millisecond.
 */
public final class AuditEvent {
    private final Instant time;
    private final AuditEventType type;
    private final String messageId;
    private final String mailName;
    private final String heldMailId;
    private final String sender;
    private final List<String> recipients;
    private final String actor;
    private final String comment;
    private final List<AuditFinding> findings;
    private final Map<String, String> details;

    private AuditEvent(Builder b) {
        this.time = b.time == null ? null : b.time.truncatedTo(ChronoUnit.MILLIS);
        this.type = Objects.requireNonNull(b.type, "type");
        this.messageId = b.messageId;
        this.mailName = b.mailName;
        this.heldMailId = b.heldMailId;
        this.sender = b.sender;
        this.recipients = Collections.unmodifiableList(new ArrayList<>(b.recipients));
        this.actor = b.actor;
        this.comment = b.comment;
        this.findings = Collections.unmodifiableList(new ArrayList<>(b.findings));
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    }

    public static Builder builder(AuditEventType type) {
        return new Builder(type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type).time(time).messageId(messageId).mailName(mailName).heldMailId(heldMailId)
            .sender(sender).recipients(recipients).actor(actor).comment(comment).findings(findings);
        details.forEach(b::detail);
        return b;
    }

    /** When it happened; empty until the log stamps it. */
    public Optional<Instant> time() {
        return Optional.ofNullable(time);
    }

    public AuditEventType type() {
        return type;
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    public Optional<String> mailName() {
        return Optional.ofNullable(mailName);
    }

    public Optional<String> heldMailId() {
        return Optional.ofNullable(heldMailId);
    }

    public Optional<String> sender() {
        return Optional.ofNullable(sender);
    }

    public List<String> recipients() {
        return recipients;
    }

    /** Who acted: an address, {@code admin}, {@code sendguard} (time, deadline)... */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    public List<AuditFinding> findings() {
        return findings;
    }

    public Map<String, String> details() {
        return details;
    }

    /** The event's fields in their fixed order, empty ones left out. */
    Map<String, Object> toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("time", IsoInstant.format(Objects.requireNonNull(time, "time")));
        map.put("type", type.name());
        putIfPresent(map, "messageId", messageId);
        putIfPresent(map, "mailName", mailName);
        putIfPresent(map, "heldMailId", heldMailId);
        putIfPresent(map, "sender", sender);
        if (!recipients.isEmpty()) {
            map.put("recipients", new ArrayList<Object>(recipients));
        }
        putIfPresent(map, "actor", actor);
        putIfPresent(map, "comment", comment);
        if (!findings.isEmpty()) {
            List<Object> list = new ArrayList<>();
            findings.forEach(f -> list.add(f.toJson()));
            map.put("findings", list);
        }
        if (!details.isEmpty()) {
            map.put("details", new LinkedHashMap<String, Object>(details));
        }
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    static AuditEvent fromJson(Map<String, Object> map) {
        AuditEventType type = AuditEventType.parse(string(map, "type"))
            .orElseThrow(() -> new IllegalArgumentException("unknown event type " + map.get("type")));
        Builder b = builder(type)
            .time(Instant.parse(Objects.requireNonNull(string(map, "time"), "time")))
            .messageId(string(map, "messageId"))
            .mailName(string(map, "mailName"))
            .heldMailId(string(map, "heldMailId"))
            .sender(string(map, "sender"))
            .actor(string(map, "actor"))
            .comment(string(map, "comment"));
        Object recipients = map.get("recipients");
        if (recipients instanceof List) {
            for (Object r : (List<?>) recipients) {
                if (r instanceof String) {
                    b.recipient((String) r);
                }
            }
        }
        Object findings = map.get("findings");
        if (findings instanceof List) {
            for (Object f : (List<?>) findings) {
                if (f instanceof Map) {
                    b.finding(AuditFinding.fromJson((Map<?, ?>) f));
                }
            }
        }
        Object details = map.get("details");
        if (details instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) details).entrySet()) {
                if (e.getValue() instanceof String) {
                    b.detail((String) e.getKey(), (String) e.getValue());
                }
            }
        }
        return b.build();
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof String ? (String) value : null;
    }

    @Override
    public String toString() {
        return "AuditEvent{" + type + " " + (messageId == null ? "" : messageId) + " at " + time + "}";
    }

    /** Builds an {@link AuditEvent}. */
    public static final class Builder {
        private final AuditEventType type;
        private Instant time;
        private String messageId;
        private String mailName;
        private String heldMailId;
        private String sender;
        private final List<String> recipients = new ArrayList<>();
        private String actor;
        private String comment;
        private final List<AuditFinding> findings = new ArrayList<>();
        private final Map<String, String> details = new LinkedHashMap<>();

        private Builder(AuditEventType type) {
            this.type = type;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder mailName(String mailName) {
            this.mailName = mailName;
            return this;
        }

        public Builder heldMailId(String heldMailId) {
            this.heldMailId = heldMailId;
            return this;
        }

        public Builder sender(String sender) {
            this.sender = sender;
            return this;
        }

        public Builder recipients(List<String> recipients) {
            this.recipients.clear();
            recipients.forEach(this::recipient);
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder findings(List<AuditFinding> findings) {
            this.findings.clear();
            this.findings.addAll(findings);
            return this;
        }

        public Builder finding(AuditFinding finding) {
            this.findings.add(Objects.requireNonNull(finding, "finding"));
            return this;
        }

        public Builder detail(String key, String value) {
            if (key != null && value != null) {
                details.put(key, value);
            }
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(this);
        }
    }
}
