package io.sendguard.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.sendguard.core.failsafe.Failsafe;

/**
 * Matches (all recipients of) a notice Sendguard itself created: a hold notice, an approval request, a block or
 * suppression notice. Sendguard marks them with the mail attribute {@value #ATTRIBUTE_NAME} when it hands them to
 * James; a mail attribute cannot be set over SMTP, and no header is looked at, so a sender cannot forge the mark.
 * Only these notices may skip inspection; anything else James sends on (a group alias or forward rewritten to an
 * outside address, a sieve redirect, a bounce) is not matched and goes the way outgoing mail goes.
 *
 * <pre>{@code
 * <mailet match="io.sendguard.matchers.IsSendguardNotice" class="ToProcessor">
 *     <processor>relay</processor>
 * </mailet>
 * }</pre>
 *
 * <p>When reading the mark fails, nothing matches: the mail is inspected like any other.
 */
public class IsSendguardNotice extends GenericMatcher {
    public static final String ATTRIBUTE_NAME = "io.sendguard.notice";
    public static final AttributeName ATTRIBUTE = AttributeName.of(ATTRIBUTE_NAME);
    /** The mark Sendguard puts on its own notices. */
    public static final Attribute MARK = new Attribute(ATTRIBUTE, AttributeValue.of(true));

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition != null && !condition.isBlank()) {
            throw new MessagingException("IsSendguardNotice takes no condition, got '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        try {
            return Failsafe.call("IsSendguardNotice on mail " + mail.getName(), () -> isNotice(mail) ? mail.getRecipients() : List.of(),
                failure -> List.of());
        } catch (Exception e) {
            return List.of();
        }
    }

    static boolean isNotice(Mail mail) {
        return mail.getAttribute(ATTRIBUTE)
            .map(attribute -> Boolean.TRUE.equals(attribute.getValue().value()))
            .orElse(false);
    }

    @Override
    public String getMatcherInfo() {
        return "Sendguard: the mail is a notice Sendguard created";
    }
}
