package io.sendguard.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;

/**
 * The built-in texts of one language with some replaced by the admin ({@code page.text.<name>} in
 * {@code conf/sendguard.properties}); the names are validated at startup by
 * {@link io.sendguard.hold.service.HoldSettings}. Texts that carry values (headings naming a recipient, dates,
 * states) stay built-in.
 */
final class ReplacedPageTexts extends PageTexts {
    private final PageTexts builtIn;
    private final Map<String, String> replaced;

    ReplacedPageTexts(PageTexts builtIn, Map<String, String> replaced) {
        this.builtIn = builtIn;
        this.replaced = Map.copyOf(replaced);
    }

    private String text(String name, String builtInText) {
        return replaced.getOrDefault(name, builtInText);
    }

    @Override
    String lang() {
        return builtIn.lang();
    }

    @Override
    Map<String, String> replacements() {
        return replaced;
    }

    @Override
    String confirmHeading(TokenAction action, String recipient) {
        return builtIn.confirmHeading(action, recipient);
    }

    @Override
    String confirmExplanation(TokenAction action, String recipient) {
        return builtIn.confirmExplanation(action, recipient);
    }

    @Override
    String button(TokenAction action) {
        switch (action) {
            case CANCEL: return text("buttonCancel", builtIn.button(action));
            case SEND_NOW: return text("buttonSendNow", builtIn.button(action));
            case CANCEL_RECIPIENT: return text("buttonCancelRecipient", builtIn.button(action));
            case APPROVE: return text("buttonApprove", builtIn.button(action));
            default: return text("buttonReject", builtIn.button(action));
        }
    }

    @Override
    String commentLabel() {
        return text("commentLabel", builtIn.commentLabel());
    }

    @Override
    String commentHint() {
        return text("commentHint", builtIn.commentHint());
    }

    @Override
    String subjectLabel() {
        return text("subjectLabel", builtIn.subjectLabel());
    }

    @Override
    String senderLabel() {
        return text("senderLabel", builtIn.senderLabel());
    }

    @Override
    String recipientsLabel() {
        return text("recipientsLabel", builtIn.recipientsLabel());
    }

    @Override
    String removedRecipientsLabel() {
        return text("removedRecipientsLabel", builtIn.removedRecipientsLabel());
    }

    @Override
    String dueLabel() {
        return text("dueLabel", builtIn.dueLabel());
    }

    @Override
    String approvalDeadlineLabel() {
        return text("approvalDeadlineLabel", builtIn.approvalDeadlineLabel());
    }

    @Override
    String stateLabel() {
        return text("stateLabel", builtIn.stateLabel());
    }

    @Override
    String noSubject() {
        return text("noSubject", builtIn.noSubject());
    }

    @Override
    String noSender() {
        return text("noSender", builtIn.noSender());
    }

    @Override
    String dueAfterApproval() {
        return text("dueAfterApproval", builtIn.dueAfterApproval());
    }

    @Override
    String state(HoldState state, HoldMode mode) {
        return builtIn.state(state, mode);
    }

    @Override
    String dateTime(Instant instant, ZoneId zone) {
        return builtIn.dateTime(instant, zone);
    }

    @Override
    String remaining(Duration remaining) {
        return builtIn.remaining(remaining);
    }

    @Override
    String recipientCount(int count) {
        return builtIn.recipientCount(count);
    }

    @Override
    String done(TokenAction action, String recipient, boolean mailCancelled) {
        return builtIn.done(action, recipient, mailCancelled);
    }

    @Override
    String doneDetail(TokenAction action, String recipient, boolean mailCancelled) {
        return builtIn.doneDetail(action, recipient, mailCancelled);
    }

    @Override
    String invalidLinkHeading() {
        return text("invalidLinkHeading", builtIn.invalidLinkHeading());
    }

    @Override
    String invalidLinkText() {
        return text("invalidLinkText", builtIn.invalidLinkText());
    }

    @Override
    String expiredHeading() {
        return text("expiredHeading", builtIn.expiredHeading());
    }

    @Override
    String expiredText() {
        return text("expiredText", builtIn.expiredText());
    }

    @Override
    String usedHeading() {
        return text("usedHeading", builtIn.usedHeading());
    }

    @Override
    String usedText() {
        return text("usedText", builtIn.usedText());
    }

    @Override
    String notFoundHeading() {
        return text("notFoundHeading", builtIn.notFoundHeading());
    }

    @Override
    String notFoundText() {
        return text("notFoundText", builtIn.notFoundText());
    }

    @Override
    String notPossibleHeading() {
        return text("notPossibleHeading", builtIn.notPossibleHeading());
    }

    @Override
    String notPossibleBecause(HoldState state, HoldMode mode) {
        return builtIn.notPossibleBecause(state, mode);
    }

    @Override
    String notRecipient(String recipient) {
        return builtIn.notRecipient(recipient);
    }

    @Override
    String notAllowed(TokenAction action) {
        return builtIn.notAllowed(action);
    }

    @Override
    String notApprover() {
        return builtIn.notApprover();
    }

    @Override
    String tryAgainHeading() {
        return builtIn.tryAgainHeading();
    }

    @Override
    String tryAgainText() {
        return builtIn.tryAgainText();
    }

    @Override
    String closeHint() {
        return text("closeHint", builtIn.closeHint());
    }

    @Override
    String footer() {
        return text("footer", builtIn.footer());
    }
}
