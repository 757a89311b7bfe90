package io.sendguard.mailets.audit;

import java.util.List;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditFinding;
import io.sendguard.core.finding.Finding;

/** Builds audit events from James mails and Sendguard findings. */
public final class AuditEvents {
    /** Mail attribute set by {@code ReleaseHeld} on a released mail: the id it had in the hold store. */
    public static final String HELD_MAIL_ID = "sendguard.heldMailId";
    private static final AttributeName HELD_MAIL_ID_ATTRIBUTE = AttributeName.of(HELD_MAIL_ID);

    private AuditEvents() {
    }

    /** An event about this mail: Message-ID, mail name, held-mail id, envelope sender and recipients. */
    public static AuditEvent.Builder of(AuditEventType type, Mail mail) {
        return of(type, mail, messageId(mail));
    }

    /**
     * An event about this mail with the Message-ID given (e.g. read before the message was replaced, so
     * that the replacement need not be parsed for it), and the mail's name, held-mail id and envelope.
     */
    public static AuditEvent.Builder of(AuditEventType type, Mail mail, String messageId) {
        AuditEvent.Builder builder = AuditEvent.builder(type)
            .messageId(messageId)
            .mailName(mail.getName())
            .recipients(mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList()));
        mail.getMaybeSender().asOptional().map(MailAddress::asString).ifPresent(builder::sender);
        heldMailId(mail).ifPresent(builder::heldMailId);
        return builder;
    }

    public static void setHeldMailId(Mail mail, String id) {
        mail.setAttribute(new Attribute(HELD_MAIL_ID_ATTRIBUTE, AttributeValue.of(id)));
    }

    public static java.util.Optional<String> heldMailId(Mail mail) {
        return mail.getAttribute(HELD_MAIL_ID_ATTRIBUTE).map(Attribute::getValue).map(AttributeValue::value)
            .filter(String.class::isInstance).map(String.class::cast);
    }

    private static String messageId(Mail mail) {
        try {
            return mail.getMessage() == null ? null : mail.getMessage().getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    /**
     * Findings without their excerpts and with the file names in their locations masked ({@link AuditLocations}):
     * the trail never keeps what may be personal data.
     */
    public static List<AuditFinding> masked(List<Finding> findings) {
        return findings.stream()
            .map(f -> new AuditFinding(f.ruleId(), f.category(), f.severity().name(), AuditLocations.masked(f.location())))
            .collect(Collectors.toList());
    }
}
