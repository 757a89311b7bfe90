package io.sendguard.mailets;

import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.MailetContext;

import io.sendguard.matchers.IsSendguardNotice;

/**
 * Hands a notice Sendguard wrote (hold notice, approval request, block or suppression notice) to James, marked
 * with {@link IsSendguardNotice#MARK}: the only mail the transport processor lets skip inspection. Every notice
 * Sendguard sends goes through here; nothing else carries the mark.
 */
public final class OwnNotices {
    private OwnNotices() {
    }

    public static void send(MailetContext context, MailAddress from, MailAddress to, MimeMessage notice)
        throws MessagingException {
        context.sendMail(MailImpl.builder()
            .name(MailImpl.getId())
            .sender(from)
            .addRecipients(List.of(to))
            .mimeMessage(notice)
            .addAttribute(IsSendguardNotice.MARK)
            .build());
    }
}
