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
 * First step of the processor that held mail is released into: makes each release happen exactly
 * once. A released copy carries the header {@value #HEADER}; the first copy of a held mail passes
 * (the header removed, its id kept in the mail attribute {@code sendguard.heldMailId} for the audit
 * trail), any later copy (a release repeated after a crash) is dropped. Mail without
 * the header passes unchanged. Only that header is touched: the message is not re-parsed or re-saved, so that
 * a malformed mail a reviewer approved leaves as it came. Whatever fails here ({@link Error}s included) drops the
 * copy and puts the held mail back on hold with the reason, for a new decision; a copy whose held mail is unknown
 * goes to James's error processor. Never on to relay unconfirmed.
 *
 * <pre>{@code
 * <processor state="sendguard-release">
 *     <mailet match="All" class="io.sendguard.mailets.ReleaseHeld"/>
 *     <mailet match="All" class="ToProcessor"><processor>relay</processor></mailet>
 * </processor>
 * }</pre>
 */
public class ReleaseHeld extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReleaseHeld.class);
    public static final String HEADER = "X-Sendguard-Hold-Id";

    private final HoldService service;

    @Inject
    public ReleaseHeld(HoldService service) {
        this.service = service;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        HeldMailId[] id = new HeldMailId[1];
        try {
            Failsafe.run("release of mail " + mail.getName(), () -> release(mail, id), failure -> {
                String reason = Failsafe.describe(failure);
                if (id[0] != null && service.releaseFailed(id[0], reason)) {
                    mail.setState(Mail.GHOST);
                } else {
                    mail.setErrorMessage("Sendguard could not release this mail: " + reason);
                    mail.setState(Mail.ERROR);
                }
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("Sendguard could not release mail " + mail.getName(), e);
        }
    }

    private void release(Mail mail, HeldMailId[] found) throws MessagingException {
        String[] ids = mail.getMessage().getHeader(HEADER);
        if (ids == null || ids.length == 0) {
            return;
        }
        HeldMailId id;
        try {
            id = HeldMailId.of(ids[0].trim());
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Mail {} carries a malformed {} header: passed on", mail.getName(), HEADER);
            mail.getMessage().removeHeader(HEADER);
            return;
        }
        found[0] = id;
        // the header only: saving the message would re-parse its MIME structure, which fails on malformed mail
        mail.getMessage().removeHeader(HEADER);
        AuditEvents.setHeldMailId(mail, id.asString());
        if (!service.confirmRelease(id)) {
            LOGGER.warn("Mail {}: held mail {} was already released once: duplicate dropped", mail.getName(), id);
            mail.setState(Mail.GHOST);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard: exactly-once release of held mail";
    }
}
