package io.sendguard.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;

/**
 * The texts of the public action pages in one language. Texts are plain text (never markup): the page
 * escapes them, together with the values put into them.
 */
abstract class PageTexts {
    static PageTexts forLanguage(String language) {
        return "en".equals(language) ? new EnglishPageTexts() : new JapanesePageTexts();
    }

    /**
     * @param replaced texts by name ({@code page.text.<name>}, names in
     *     {@link io.sendguard.hold.service.HoldSettings#PAGE_TEXT_NAMES}) that replace the built-in words
     */
    static PageTexts forLanguage(String language, Map<String, String> replaced) {
        PageTexts builtIn = forLanguage(language);
        return replaced.isEmpty() ? builtIn : new ReplacedPageTexts(builtIn, replaced);
    }

    /** Value of {@code <html lang>}. */
    abstract String lang();

    // confirmation page (GET)
    abstract String confirmHeading(TokenAction action, String recipient);

    abstract String confirmExplanation(TokenAction action, String recipient);

    abstract String button(TokenAction action);

    abstract String commentLabel();

    abstract String commentHint();

    // mail details
    abstract String subjectLabel();

    abstract String senderLabel();

    abstract String recipientsLabel();

    abstract String removedRecipientsLabel();

    abstract String dueLabel();

    /** Label of the deadline of a mail waiting for approval. */
    abstract String approvalDeadlineLabel();

    abstract String stateLabel();

    abstract String noSubject();

    abstract String noSender();

    abstract String dueAfterApproval();

    abstract String state(HoldState state, HoldMode mode);

    abstract String dateTime(Instant instant, ZoneId zone);

    /** @param remaining time until the mail is due, positive */
    abstract String remaining(Duration remaining);

    abstract String recipientCount(int count);

    // results (POST)
    abstract String done(TokenAction action, String recipient, boolean mailCancelled);

    abstract String doneDetail(TokenAction action, String recipient, boolean mailCancelled);

    // problems
    abstract String invalidLinkHeading();

    abstract String invalidLinkText();

    abstract String expiredHeading();

    abstract String expiredText();

    abstract String usedHeading();

    abstract String usedText();

    abstract String notFoundHeading();

    abstract String notFoundText();

    abstract String notPossibleHeading();

    /** Why the action no longer applies, from the mail's current state. */
    abstract String notPossibleBecause(HoldState state, HoldMode mode);

    abstract String notRecipient(String recipient);

    abstract String notAllowed(TokenAction action);

    /** An approve / reject link that names someone who does not approve this mail. */
    abstract String notApprover();

    /** Something failed inside the server: nothing was done, try again later. */
    abstract String tryAgainHeading();

    abstract String tryAgainText();

    abstract String closeHint();

    /** Shown at the bottom of every page (e.g. whom to ask); empty: none. */
    String footer() {
        return "";
    }

    /** The admin's replacements of words ({@code page.text.<name>}); none in the built-in texts. */
    Map<String, String> replacements() {
        return Map.of();
    }

    private Words words;

    /** The words of the web listener's other pages ({@link Words}) in this language. */
    Words words() {
        if (words == null) {
            words = Words.of(lang(), replacements());
        }
        return words;
    }

    String word(String key, Object... args) {
        return words().get(key, args);
    }

    String myMailHeading() {
        return word("myMailHeading");
    }

    String approvalsHeading() {
        return word("approvalsHeading");
    }

    String signOut() {
        return word("signOut");
    }

    String tooManyHeading() {
        return word("tooManyHeading");
    }

    String tooManyText(long seconds) {
        return word("tooManyText", seconds);
    }
}
