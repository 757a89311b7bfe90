package io.sendguard.mailets.recipients;

import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;

/**
 * The safe action of {@code ConvertToBcc} when anything inside it fails ({@link Failsafe} is the boundary): a
 * recipient list that could not be converted is hidden whole, without parsing anything. A check that could not be
 * made is {@link io.sendguard.mailets.FailedChecks}' (held for review). Never "pass unseen".
 */
final class RecipientFailures {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientFailures.class);

    private RecipientFailures() {
    }

    /**
     * Hides every visible recipient (To, Cc, Resent-To, Resent-Cc removed; To: undisclosed-recipients:;). When even
     * that fails, the mail goes to James's error processor: kept there, neither sent nor lost.
     */
    static void hideAll(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            for (String name : VisibleRecipients.VISIBLE_HEADERS) {
                message.removeHeader(name);
            }
            message.setHeader(VisibleRecipients.TO, VisibleRecipients.UNDISCLOSED);
        } catch (Throwable failure) {
            Failsafe.log("hiding the recipients of mail " + mail.getName(), failure);
            mail.setState(Mail.ERROR);
            LOGGER.error("Mail {}: its recipients could not be hidden, sent to the error processor", mail.getName());
        }
    }
}
