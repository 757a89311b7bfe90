package io.sendguard.mailets.hold;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import io.sendguard.hold.HeldMailId;
import io.sendguard.mailets.audit.AuditEvents;

/**
 * What a released copy of a held mail carries through James once past the release gate: the held-mail id
 * (attribute {@value AuditEvents#HELD_MAIL_ID}, also read by the audit trail) and the release attempt
 * (attribute {@value #ATTEMPT}). Both survive James's spool and mail repositories; copies made from the mail
 * (one per recipient) get them with {@link #copy}.
 */
public final class ReleasedCopy {
    public static final String ATTEMPT = "sendguard.releaseAttempt";
    private static final AttributeName ID_ATTRIBUTE = AttributeName.of(AuditEvents.HELD_MAIL_ID);
    private static final AttributeName ATTEMPT_ATTRIBUTE = AttributeName.of(ATTEMPT);

    private ReleasedCopy() {
    }

    public static void mark(Mail mail, HeldMailId id, int attempt) {
        AuditEvents.setHeldMailId(mail, id.asString());
        mail.setAttribute(new Attribute(ATTEMPT_ATTRIBUTE, AttributeValue.of(attempt)));
    }

    /** The held mail this mail is a released copy of; empty for any other mail (or an unreadable id). */
    public static Optional<HeldMailId> heldMailId(Mail mail) {
        return mail.getAttribute(ID_ATTRIBUTE).map(Attribute::getValue).map(AttributeValue::value)
            .filter(String.class::isInstance).map(String.class::cast)
            .flatMap(ReleasedCopy::parse);
    }

    /** Gives {@code to} the marks of {@code from}, if it has them. */
    public static void copy(Mail from, Mail to) {
        from.getAttribute(ID_ATTRIBUTE).ifPresent(to::setAttribute);
        from.getAttribute(ATTEMPT_ATTRIBUTE).ifPresent(to::setAttribute);
    }

    private static Optional<HeldMailId> parse(String value) {
        try {
            return Optional.of(HeldMailId.of(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
