package io.sendguard.mailets;

import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.service.HoldService;
import io.sendguard.mailets.audit.AuditEvents;

/**
 * First mailet of James's error processor: a released copy of a held mail (it carries the attribute
 * {@value AuditEvents#HELD_MAIL_ID} that {@link ReleaseHeld} sets) that failed on its way out goes back on hold,
 * unapproved, with James's error message as the reason, to be decided again; the copy is dropped, since the held mail
 * keeps the message. Only a mail still being released (RELEASING) can go back; any other mail (and a held mail
 * already marked released) goes on through the error processor unchanged, so nothing is lost.
 *
 * <pre>{@code
 * <processor state="error">
 *     <mailet match="All" class="io.sendguard.mailets.ReturnToHold"/>
 *     ...
 * </processor>
 * }</pre>
 */
public class ReturnToHold extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReturnToHold.class);

    private final HoldService service;

    @Inject
    public ReturnToHold(HoldService service) {
        this.service = service;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail mail) {
        // whatever fails here, the mail goes on through the error processor (kept in its repository)
        Failsafe.keepAlive("return of mail " + mail.getName() + " to the hold", () -> {
            java.util.Optional<String> id = AuditEvents.heldMailId(mail);
            if (id.isEmpty()) {
                return;
            }
            String reason = mail.getErrorMessage() == null || mail.getErrorMessage().isBlank()
                ? "it failed on its way out" : mail.getErrorMessage();
            if (service.releaseFailed(HeldMailId.of(id.get()), reason)) {
                mail.setState(Mail.GHOST);
            } else {
                LOGGER.warn("Mail {}: held mail {} cannot go back on hold: kept by the error processor", mail.getName(), id.get());
            }
        });
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard: a released mail that failed goes back on hold";
    }
}
