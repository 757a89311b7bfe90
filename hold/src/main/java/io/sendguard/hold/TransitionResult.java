package io.sendguard.hold;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of a compare-and-set change of a held mail ({@link HoldStore#transition},
 * {@link HoldStore#removeRecipient}, {@link HoldStore#markReleased}).
 * When several callers race on the same mail exactly one gets {@link Status#APPLIED}; the others get
 * {@link Status#CONFLICT} with the state the winner left, so a UI can say "already released".
 */
public final class TransitionResult {
    /** Result kinds. */
    public enum Status {
        /** The change was applied and is durable. */
        APPLIED,
        /** No held mail with that id (never existed, deleted or archived). */
        NOT_FOUND,
        /** The mail was not in the expected state; see {@link #mail()} for its current state. */
        CONFLICT,
        /** {@link HoldStore#removeRecipient}: the address is not a remaining recipient. */
        NO_SUCH_RECIPIENT,
        /** {@link HoldStore#recordApproval}: this approver approved the mail already; nothing changed. */
        ALREADY_APPROVED
    }

    private final Status status;
    private final HeldMail mail;

    private TransitionResult(Status status, HeldMail mail) {
        this.status = Objects.requireNonNull(status);
        this.mail = mail;
    }

    /** @param mail the mail after the change */
    public static TransitionResult applied(HeldMail mail) {
        return new TransitionResult(Status.APPLIED, Objects.requireNonNull(mail));
    }

    public static TransitionResult notFound() {
        return new TransitionResult(Status.NOT_FOUND, null);
    }

    /** @param current the mail as it is now */
    public static TransitionResult conflict(HeldMail current) {
        return new TransitionResult(Status.CONFLICT, Objects.requireNonNull(current));
    }

    /** @param current the mail as it is now */
    public static TransitionResult noSuchRecipient(HeldMail current) {
        return new TransitionResult(Status.NO_SUCH_RECIPIENT, Objects.requireNonNull(current));
    }

    /** @param current the mail as it is now */
    public static TransitionResult alreadyApproved(HeldMail current) {
        return new TransitionResult(Status.ALREADY_APPROVED, Objects.requireNonNull(current));
    }

    public Status status() {
        return status;
    }

    /** @return true when this caller won */
    public boolean isApplied() {
        return status == Status.APPLIED;
    }

    /** @return the mail after the change (APPLIED) or as found (CONFLICT, NO_SUCH_RECIPIENT) */
    public Optional<HeldMail> mail() {
        return Optional.ofNullable(mail);
    }

    /** @return a short human readable explanation, e.g. "already CANCELLED" */
    public String describe() {
        switch (status) {
            case APPLIED:
                return "done: now " + mail.state();
            case NOT_FOUND:
                return "no such held mail";
            case NO_SUCH_RECIPIENT:
                return "not a remaining recipient";
            case ALREADY_APPROVED:
                return "already approved by this approver";
            default:
                return "already " + mail.state();
        }
    }

    @Override
    public String toString() {
        return "TransitionResult{" + status + (mail == null ? "" : ", " + mail.state()) + "}";
    }
}
