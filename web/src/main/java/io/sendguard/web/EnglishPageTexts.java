package io.sendguard.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;

/** English texts of the action pages. */
final class EnglishPageTexts extends PageTexts {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
    /** The zone as people know it (JST), not the region name. */
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    @Override
    String lang() {
        return "en";
    }

    @Override
    String confirmHeading(TokenAction action, String recipient) {
        switch (action) {
            case CANCEL: return "Cancel this mail?";
            case SEND_NOW: return "Send this mail now?";
            case CANCEL_RECIPIENT: return "Remove " + recipient + " from the recipients?";
            case APPROVE: return "Approve this mail?";
            default: return "Reject this mail?";
        }
    }

    @Override
    String confirmExplanation(TokenAction action, String recipient) {
        switch (action) {
            case CANCEL: return "The mail will not be sent to anyone.";
            case SEND_NOW: return "The mail will be sent right away, without waiting for the end of the hold.";
            case CANCEL_RECIPIENT: return "The mail will not be sent to " + recipient + ". The other recipients still receive it.";
            case APPROVE: return "The mail will be sent to its recipients.";
            default: return "The mail will not be sent. The sender is told, with your comment.";
        }
    }

    @Override
    String button(TokenAction action) {
        switch (action) {
            case CANCEL: return "Cancel this mail";
            case SEND_NOW: return "Send it now";
            case CANCEL_RECIPIENT: return "Cancel only this recipient";
            case APPROVE: return "Approve";
            default: return "Reject";
        }
    }

    @Override
    String commentLabel() {
        return "Comment for the sender (optional)";
    }

    @Override
    String commentHint() {
        return "For example, what to change before sending again.";
    }

    @Override
    String subjectLabel() {
        return "Subject";
    }

    @Override
    String senderLabel() {
        return "From";
    }

    @Override
    String recipientsLabel() {
        return "To";
    }

    @Override
    String removedRecipientsLabel() {
        return "Removed recipients";
    }

    @Override
    String dueLabel() {
        return "Sending at";
    }

    @Override
    String stateLabel() {
        return "Status";
    }

    @Override
    String noSubject() {
        return "(no subject)";
    }

    @Override
    String noSender() {
        return "(none)";
    }

    @Override
    String approvalDeadlineLabel() {
        return "Approval deadline";
    }

    @Override
    String dueAfterApproval() {
        return "after approval";
    }

    @Override
    String state(HoldState state, HoldMode mode) {
        switch (state) {
            case HELD: return mode == HoldMode.APPROVAL ? "waiting for approval" : "on hold";
            case RELEASING: return "being sent";
            case RELEASED: return "sent";
            case CANCELLED: return "cancelled";
            case APPROVED: return mode == HoldMode.APPROVAL ? "approved, about to be sent" : "about to be sent";
            case REJECTED: return "rejected";
            default: return "not sent: the approval deadline passed";
        }
    }

    @Override
    String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone)) + " " + ZONE.format(instant.atZone(zone));
    }

    @Override
    String remaining(Duration remaining) {
        long minutes = (remaining.getSeconds() + 59) / 60;
        if (minutes < 60) {
            return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = Math.round(minutes / 60.0);
        return "in about " + hours + (hours == 1 ? " hour" : " hours");
    }

    @Override
    String recipientCount(int count) {
        return count == 1 ? "1 recipient" : count + " recipients";
    }

    @Override
    String done(TokenAction action, String recipient, boolean mailCancelled) {
        switch (action) {
            case CANCEL: return "The mail was cancelled";
            case SEND_NOW: return "The mail will be sent now";
            case CANCEL_RECIPIENT: return mailCancelled ? "The mail was cancelled" : recipient + " was removed";
            case APPROVE: return "The mail was approved";
            default: return "The mail was rejected";
        }
    }

    @Override
    String doneDetail(TokenAction action, String recipient, boolean mailCancelled) {
        switch (action) {
            case CANCEL: return "It will not be sent to anyone.";
            case SEND_NOW: return "It leaves within a few moments.";
            case CANCEL_RECIPIENT: return mailCancelled
                ? recipient + " was removed. No recipients are left, so the mail will not be sent."
                : "The mail goes to the other recipients.";
            case APPROVE: return "It will be sent to its recipients now.";
            default: return "It will not be sent; the sender is told.";
        }
    }

    @Override
    String invalidLinkHeading() {
        return "This link is not valid";
    }

    @Override
    String invalidLinkText() {
        return "It may have been cut off or changed. Open it again from the notice mail, and copy it whole.";
    }

    @Override
    String expiredHeading() {
        return "This link has expired";
    }

    @Override
    String expiredText() {
        return "If something still needs to be done with the mail, ask your mail administrator.";
    }

    @Override
    String usedHeading() {
        return "This link was already used";
    }

    @Override
    String usedText() {
        return "Each link works only once.";
    }

    @Override
    String notFoundHeading() {
        return "The mail was not found";
    }

    @Override
    String notFoundText() {
        return "It may already have been sent and cleaned up, or removed by an administrator.";
    }

    @Override
    String notPossibleHeading() {
        return "This can no longer be done";
    }

    @Override
    String notPossibleBecause(HoldState state, HoldMode mode) {
        switch (state) {
            case HELD: return mode == HoldMode.APPROVAL ? "The mail is waiting for approval." : "The mail is on hold.";
            case RELEASING: return "The mail is being sent right now.";
            case RELEASED: return "The mail was already sent.";
            case CANCELLED: return "The mail was already cancelled.";
            case APPROVED: return "The mail was already approved or released and is about to be sent.";
            case REJECTED: return "The mail was already rejected.";
            default: return "The approval deadline passed; the mail was not sent.";
        }
    }

    @Override
    String notRecipient(String recipient) {
        return recipient + " is no longer a recipient of this mail.";
    }

    @Override
    String notAllowed(TokenAction action) {
        return action == TokenAction.SEND_NOW
            ? "This mail waits for approval; it cannot be sent before it is approved."
            : "This mail does not wait for approval.";
    }

    @Override
    String notApprover() {
        return "This link belongs to someone who does not approve this mail. Nothing was approved or rejected;"
            + " the mail is still held.";
    }

    @Override
    String tryAgainHeading() {
        return "This cannot be done right now";
    }

    @Override
    String tryAgainText() {
        return "An internal error occurred on the server and nothing was done. Please try again later;"
            + " if it persists, ask your administrator.";
    }

    @Override
    String closeHint() {
        return "You can close this page.";
    }
}
