package io.sendguard.hold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Immutable metadata of one held mail. The MIME payload is stored separately (see
 * {@link HoldStore#openPayload}). Modify through {@link #toBuilder()}.
 *
 * <p>{@code dueAt} is the instant from which {@link HoldStore#claimDue} may release the mail:
 * the end of the delay for {@link HoldMode#TIMED} mails, absent for {@link HoldMode#APPROVAL} mails
 * until they are approved (approval sets it to the approval time).
 *
 * <p>Attributes are small free-form strings (e.g. serialized findings); at most
 * {@value #MAX_ATTRIBUTES} entries of at most {@value #MAX_ATTRIBUTE_CHARS} characters each.
 */
public final class HeldMail {
    /** Maximum number of attributes. */
    public static final int MAX_ATTRIBUTES = 64;
    /** Attribute set by the store when the mail is approved (or sent now): who decided. */
    public static final String APPROVED_BY = "sendguard.approvedBy";
    /** Attribute: the distinct approvers who approved so far, one per line, in order (double check). */
    public static final String APPROVALS = "sendguard.approvals";
    /** Attribute: how many distinct approvers must approve before the mail leaves (absent: 1). */
    public static final String APPROVALS_REQUIRED = "sendguard.approvalsRequired";
    /** The most approvals a mail may require. */
    public static final int MAX_APPROVALS_REQUIRED = 5;
    /** Attribute: when the approvers were reminded of the approval deadline (set once). */
    public static final String REMINDED = "sendguard.reminded";
    /** Maximum length of an attribute key or value. */
    public static final int MAX_ATTRIBUTE_CHARS = 16 * 1024;

    private final HeldMailId id;
    private final String sender;
    private final List<String> recipients;
    private final String subject;
    private final String messageId;
    private final Instant createdAt;
    private final Instant dueAt;
    private final HoldMode mode;
    private final HoldState state;
    private final List<String> approvers;
    private final String releaseProcessor;
    private final List<String> removedRecipients;
    private final Map<String, String> attributes;
    private final Decision lastDecision;
    private final Instant claimedAt;
    private final int releaseAttempts;
    private final long version;

    private HeldMail(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.sender = b.sender == null ? "" : b.sender;
        this.recipients = copy(b.recipients);
        this.subject = b.subject == null ? "" : b.subject;
        this.messageId = b.messageId == null ? "" : b.messageId;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.dueAt = b.dueAt;
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.state = Objects.requireNonNull(b.state, "state");
        this.approvers = copy(b.approvers);
        this.releaseProcessor = b.releaseProcessor == null ? "" : b.releaseProcessor;
        this.removedRecipients = copy(b.removedRecipients);
        this.attributes = Collections.unmodifiableMap(new TreeMap<>(b.attributes));
        this.lastDecision = b.lastDecision;
        this.claimedAt = b.claimedAt;
        this.releaseAttempts = b.releaseAttempts;
        this.version = b.version;
        if (mode == HoldMode.TIMED && dueAt == null) {
            throw new IllegalArgumentException("A TIMED held mail needs a due time");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("Too many attributes: " + attributes.size());
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > MAX_ATTRIBUTE_CHARS
                    || e.getValue().length() > MAX_ATTRIBUTE_CHARS) {
                throw new IllegalArgumentException("Attribute too large or empty key: " + e.getKey());
            }
        }
    }

    private static List<String> copy(List<String> list) {
        List<String> out = new ArrayList<>(list.size());
        for (String s : list) {
            out.add(Objects.requireNonNull(s, "list element"));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return a builder for a new held mail with state {@link HoldState#HELD} and a random id. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised with this mail's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.sender = sender;
        b.recipients = new ArrayList<>(recipients);
        b.subject = subject;
        b.messageId = messageId;
        b.createdAt = createdAt;
        b.dueAt = dueAt;
        b.mode = mode;
        b.state = state;
        b.approvers = new ArrayList<>(approvers);
        b.releaseProcessor = releaseProcessor;
        b.removedRecipients = new ArrayList<>(removedRecipients);
        b.attributes = new TreeMap<>(attributes);
        b.lastDecision = lastDecision;
        b.claimedAt = claimedAt;
        b.releaseAttempts = releaseAttempts;
        b.version = version;
        return b;
    }

    public HeldMailId id() {
        return id;
    }

    /** @return envelope sender; empty string for the null reverse-path */
    public String sender() {
        return sender;
    }

    /** @return remaining envelope recipients (removed ones excluded) */
    public List<String> recipients() {
        return recipients;
    }

    public String subject() {
        return subject;
    }

    /** @return Message-ID header value, empty when the mail has none */
    public String messageId() {
        return messageId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** @return when the mail becomes releasable; empty for not-yet-approved APPROVAL mails */
    public Optional<Instant> dueAt() {
        return Optional.ofNullable(dueAt);
    }

    public HoldMode mode() {
        return mode;
    }

    public HoldState state() {
        return state;
    }

    /** @return addresses allowed to approve or reject */
    public List<String> approvers() {
        return approvers;
    }

    /** @return the James processor the mail is re-injected into on release */
    public String releaseProcessor() {
        return releaseProcessor;
    }

    /** @return recipients cancelled one by one, in removal order */
    public List<String> removedRecipients() {
        return removedRecipients;
    }

    /** @return small free-form attributes, sorted by key */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** @return actor, comment and time of the last state change or recipient removal */
    public Optional<Decision> lastDecision() {
        return Optional.ofNullable(lastDecision);
    }

    /** @return when the mail was last moved to RELEASING */
    public Optional<Instant> claimedAt() {
        return Optional.ofNullable(claimedAt);
    }

    /**
     * @return how many times the mail was moved to RELEASING; more than 1 means an earlier release
     *     attempt may have been interrupted (see the at-least-once window in {@link HoldStore})
     */
    public int releaseAttempts() {
        return releaseAttempts;
    }

    /** @return store-maintained version, incremented on every write (optimistic locking for SQL stores) */
    public long version() {
        return version;
    }

    /**
     * @param now the current instant
     * @return true when {@link HoldStore#claimDue} would pick this mail at {@code now}
     */
    /** True once someone approved the mail (or asked to send it now); survives a crash during release. */
    public boolean isApproved() {
        return attributes.containsKey(APPROVED_BY);
    }

    /** The distinct approvers who approved so far, in order (empty until the first approval). */
    public List<String> approvals() {
        String list = attributes.get(APPROVALS);
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return List.of(list.split("\n"));
    }

    /** Whether {@code approver} approved the mail already (case-insensitive). */
    public boolean isApprovedBy(String approver) {
        return approvals().stream().anyMatch(approver::equalsIgnoreCase);
    }

    /**
     * How many distinct approvers must approve before the mail leaves: 1 unless the mail says more. An unreadable
     * value asks for {@value #MAX_APPROVALS_REQUIRED}: never fewer approvals than were configured.
     */
    public int approvalsRequired() {
        String value = attributes.get(APPROVALS_REQUIRED);
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return MAX_APPROVALS_REQUIRED;
        }
    }

    public boolean isDue(Instant now) {
        return state.isClaimable() && dueAt != null && !dueAt.isAfter(now);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeldMail)) {
            return false;
        }
        HeldMail m = (HeldMail) o;
        return id.equals(m.id) && sender.equals(m.sender) && recipients.equals(m.recipients)
                && subject.equals(m.subject) && messageId.equals(m.messageId) && createdAt.equals(m.createdAt)
                && Objects.equals(dueAt, m.dueAt) && mode == m.mode && state == m.state
                && approvers.equals(m.approvers) && releaseProcessor.equals(m.releaseProcessor)
                && removedRecipients.equals(m.removedRecipients) && attributes.equals(m.attributes)
                && Objects.equals(lastDecision, m.lastDecision) && Objects.equals(claimedAt, m.claimedAt)
                && releaseAttempts == m.releaseAttempts && version == m.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, state, version);
    }

    @Override
    public String toString() {
        return "HeldMail{" + id + ", " + state + ", " + mode + ", due=" + dueAt + ", from=" + sender
                + ", to=" + recipients + ", v" + version + "}";
    }

    /** Mutable builder of {@link HeldMail}. Not thread safe. */
    public static final class Builder {
        private HeldMailId id = HeldMailId.random();
        private String sender;
        private List<String> recipients = new ArrayList<>();
        private String subject;
        private String messageId;
        private Instant createdAt;
        private Instant dueAt;
        private HoldMode mode = HoldMode.TIMED;
        private HoldState state = HoldState.HELD;
        private List<String> approvers = new ArrayList<>();
        private String releaseProcessor;
        private List<String> removedRecipients = new ArrayList<>();
        private Map<String, String> attributes = new TreeMap<>();
        private Decision lastDecision;
        private Instant claimedAt;
        private int releaseAttempts;
        private long version;

        private Builder() {
        }

        public Builder id(HeldMailId value) {
            this.id = value;
            return this;
        }

        public Builder sender(String value) {
            this.sender = value;
            return this;
        }

        public Builder recipients(List<String> value) {
            this.recipients = new ArrayList<>(value);
            return this;
        }

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        /** @param value due time, or null for none */
        public Builder dueAt(Instant value) {
            this.dueAt = value;
            return this;
        }

        public Builder mode(HoldMode value) {
            this.mode = value;
            return this;
        }

        public Builder state(HoldState value) {
            this.state = value;
            return this;
        }

        public Builder approvers(List<String> value) {
            this.approvers = new ArrayList<>(value);
            return this;
        }

        public Builder releaseProcessor(String value) {
            this.releaseProcessor = value;
            return this;
        }

        public Builder removedRecipients(List<String> value) {
            this.removedRecipients = new ArrayList<>(value);
            return this;
        }

        public Builder attributes(Map<String, String> value) {
            this.attributes = new TreeMap<>(value);
            return this;
        }

        public Builder attribute(String key, String value) {
            this.attributes.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** @param value last decision, or null for none */
        public Builder lastDecision(Decision value) {
            this.lastDecision = value;
            return this;
        }

        /** @param value claim time, or null */
        public Builder claimedAt(Instant value) {
            this.claimedAt = value;
            return this;
        }

        public Builder releaseAttempts(int value) {
            this.releaseAttempts = value;
            return this;
        }

        /** Normally maintained by the store only. */
        public Builder version(long value) {
            this.version = value;
            return this;
        }

        /** @return the immutable mail */
        public HeldMail build() {
            return new HeldMail(this);
        }
    }
}
