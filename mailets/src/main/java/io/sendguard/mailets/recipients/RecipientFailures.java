package io.sendguard.mailets.recipients;

import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.mailets.InspectAttachments;

/**
 * The safe actions of the recipient mailets when anything inside them fails ({@link Failsafe} is the boundary): a
 * check that could not be made holds the mail for review ({@code inspection.failed}, category {@code uninspectable},
 * HIGH), and a recipient list that could not be converted is hidden whole, without parsing anything. Never "pass
 * unseen".
 */
final class RecipientFailures {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientFailures.class);

    private RecipientFailures() {
    }

    /** The finding that holds a mail for review because {@code what} could not be done. */
    static List<Finding> notChecked(String what, String location, Throwable failure) {
        return List.of(Finding.of(InspectAttachments.RULE_UNINSPECTABLE, InspectAttachments.UNINSPECTABLE, Severity.HIGH, location,
            what + " could not be made: " + Failsafe.describe(failure)));
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

    /**
     * What a mailet's {@code service} throws when its safe action itself failed ({@link Failsafe} rethrows it as it
     * is): James then sends the mail to its error processor.
     */
    static MessagingException unhandled(String mailet, Mail mail, Exception failure) {
        if (failure instanceof MessagingException) {
            return (MessagingException) failure;
        }
        return new MessagingException(mailet + ": the safe action for mail " + mail.getName() + " failed", failure);
    }
}
