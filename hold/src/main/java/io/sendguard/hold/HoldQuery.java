package io.sendguard.hold;

import java.util.Optional;

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
    private final int offset;
    private final int limit;

    private HoldQuery(String sender, String recipient, HoldState state, int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT);
        }
        this.sender = sender;
        this.recipient = recipient;
        this.state = state;
        this.offset = offset;
        this.limit = limit;
    }

    /** @return a query matching everything, first page of 50 */
    public static HoldQuery all() {
        return new HoldQuery(null, null, null, 0, 50);
    }

    public HoldQuery withSender(String value) {
        return new HoldQuery(value, recipient, state, offset, limit);
    }

    /** @param value matches remaining recipients only (not removed ones) */
    public HoldQuery withRecipient(String value) {
        return new HoldQuery(sender, value, state, offset, limit);
    }

    public HoldQuery withState(HoldState value) {
        return new HoldQuery(sender, recipient, value, offset, limit);
    }

    public HoldQuery withPage(int newOffset, int newLimit) {
        return new HoldQuery(sender, recipient, state, newOffset, newLimit);
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
        if (sender != null && !mail.sender().equalsIgnoreCase(sender)) {
            return false;
        }
        if (recipient != null) {
            boolean found = false;
            for (String r : mail.recipients()) {
                if (r.equalsIgnoreCase(recipient)) {
                    found = true;
                    break;
                }
            }
            return found;
        }
        return true;
    }
}
