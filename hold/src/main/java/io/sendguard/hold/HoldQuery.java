package io.sendguard.hold;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable filter and page for {@link HoldStore#list}. All filters are optional and combined with AND;
 * addresses compare case-insensitively. Results are ordered newest first (createdAt descending, then id).
 */
public final class HoldQuery {
    /** Largest page size accepted. */
    public static final int MAX_LIMIT = 1000;

    private final String sender;
    private final String recipient;
    private final HoldState state;
    private final Set<HoldState> states;
    private final HoldMode mode;
    private final String approver;
    private final int offset;
    private final int limit;

    private HoldQuery(String sender, String recipient, HoldState state, Set<HoldState> states, HoldMode mode,
                      String approver, int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT);
        }
        this.sender = sender;
        this.recipient = recipient;
        this.state = state;
        this.states = states;
        this.mode = mode;
        this.approver = approver;
        this.offset = offset;
        this.limit = limit;
    }

    /** @return a query matching everything, first page of 50 */
    public static HoldQuery all() {
        return new HoldQuery(null, null, null, null, null, null, 0, 50);
    }

    public HoldQuery withSender(String value) {
        return new HoldQuery(value, recipient, state, states, mode, approver, offset, limit);
    }

    /** @param value matches remaining recipients only (not removed ones) */
    public HoldQuery withRecipient(String value) {
        return new HoldQuery(sender, value, state, states, mode, approver, offset, limit);
    }

    public HoldQuery withState(HoldState value) {
        return new HoldQuery(sender, recipient, value, states, mode, approver, offset, limit);
    }

    /** @param value mails in any of these states (null: any state) */
    public HoldQuery withStates(Set<HoldState> value) {
        Set<HoldState> copy = value == null ? null
            : Collections.unmodifiableSet(value.isEmpty() ? EnumSet.noneOf(HoldState.class) : EnumSet.copyOf(value));
        return new HoldQuery(sender, recipient, state, copy, mode, approver, offset, limit);
    }

    /** @param value mails held in this mode (null: any mode) */
    public HoldQuery withMode(HoldMode value) {
        return new HoldQuery(sender, recipient, state, states, value, approver, offset, limit);
    }

    /** @param value mails whose approvers include this address (case-insensitive; null: any) */
    public HoldQuery withApprover(String value) {
        return new HoldQuery(sender, recipient, state, states, mode, value, offset, limit);
    }

    public HoldQuery withPage(int newOffset, int newLimit) {
        return new HoldQuery(sender, recipient, state, states, mode, approver, newOffset, newLimit);
    }

    public Optional<String> sender() {
        return Optional.ofNullable(sender);
    }

    public Optional<String> recipient() {
        return Optional.ofNullable(recipient);
    }

    public Optional<HoldState> state() {
        return Optional.ofNullable(state);
    }

    public Optional<Set<HoldState>> states() {
        return Optional.ofNullable(states);
    }

    public Optional<HoldMode> mode() {
        return Optional.ofNullable(mode);
    }

    public Optional<String> approver() {
        return Optional.ofNullable(approver);
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    /**
     * @param mail candidate
     * @return true when the mail passes all filters (paging is not considered)
     */
    public boolean matches(HeldMail mail) {
        if (state != null && mail.state() != state) {
            return false;
        }
        if (states != null && !states.contains(mail.state())) {
            return false;
        }
        if (mode != null && mail.mode() != mode) {
            return false;
        }
        if (sender != null && !mail.sender().equalsIgnoreCase(sender)) {
            return false;
        }
        if (approver != null && mail.approvers().stream().noneMatch(approver::equalsIgnoreCase)) {
            return false;
        }
        if (recipient != null) {
            return mail.recipients().stream().anyMatch(recipient::equalsIgnoreCase);
        }
        return true;
    }
}
