package io.sendguard.hold.service;

import java.util.Optional;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.token.TokenAction;

/** What came of a requested action (cancel, send now, approve, ...), for a page or a JSON answer. */
public final class ActionResult {
    public enum Status {
        /** The action was applied. */
        DONE,
        /** No held mail with that id. */
        NOT_FOUND,
        /** The mail is no longer in a state that allows it (already sent, cancelled, ...). */
        CONFLICT,
        /** The recipient to cancel is not (or no longer) a recipient of the mail. */
        NO_SUCH_RECIPIENT,
        /** This action does not apply to this mail (e.g. "send now" on a mail waiting for approval). */
        NOT_ALLOWED,
        /** The link names someone who does not approve this mail (an approve / reject link minted for another address). */
        NOT_AN_APPROVER,
        /** The link was altered or is not ours. */
        TOKEN_TAMPERED,
        /** The link expired. */
        TOKEN_EXPIRED,
        /** The link was already used. */
        TOKEN_USED,
        /** Approving needs every item of the checklist ticked; the detail names the missing ones. Nothing recorded. */
        CHECKLIST_INCOMPLETE,
        /** This approver approved the mail already; a second approval by the same person does not count. */
        ALREADY_APPROVED
    }

    private final Status status;
    private final TokenAction action;
    private final Optional<HeldMail> mail;
    private final String detail;

    ActionResult(Status status, TokenAction action, Optional<HeldMail> mail, String detail) {
        this.status = status;
        this.action = action;
        this.mail = mail;
        this.detail = detail;
    }

    public Status status() {
        return status;
    }

    public boolean isDone() {
        return status == Status.DONE;
    }

    /** The action requested; null when a token could not be read. */
    public TokenAction action() {
        return action;
    }

    /** The mail after the action (or as it stands, when the action was refused). */
    public Optional<HeldMail> mail() {
        return mail;
    }

    /** A short English explanation for logs and JSON. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return status + " " + action + (detail.isEmpty() ? "" : ": " + detail);
    }
}
