package io.sendguard.hold.token;

/**
 * What a signed link lets its holder do with a held mail.
 */
public enum TokenAction {
    CANCEL,
    SEND_NOW,
    /** Cancel delivery to one recipient; the token carries the address. */
    CANCEL_RECIPIENT,
    APPROVE,
    REJECT;

    /** @return true when tokens for this action must carry a recipient address */
    public boolean requiresRecipient() {
        return this == CANCEL_RECIPIENT;
    }

    /**
     * Whether the token may carry an address: the recipient to cancel, or for APPROVE / REJECT the
     * approver the link was sent to (recorded as the one who decided).
     */
    public boolean acceptsAddress() {
        return this == CANCEL_RECIPIENT || this == APPROVE || this == REJECT;
    }
}
