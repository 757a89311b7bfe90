package io.sendguard.mailets;

import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.service.HoldService;
import io.sendguard.mailets.audit.AuditEvents;

/**
 * First step of the processor that held mail is released into: makes each release happen exactly
 * once. A released copy carries the header {@value #HEADER}; the first copy of a held mail passes
 * (the header removed, its id kept in the mail attribute {@code sendguard.heldMailId} for the audit
 * trail), any later copy (a release repeated after a crash) is dropped. Mail without
 * the header passes unchanged.
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
        String[] ids = mail.getMessage().getHeader(HEADER);
        if (ids == null || ids.length == 0) {
            return;
        }
        mail.getMessage().removeHeader(HEADER);
        mail.getMessage().saveChanges();
        HeldMailId id;
        try {
            id = HeldMailId.of(ids[0].trim());
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Mail {} carries a malformed {} header: passed on", mail.getName(), HEADER);
            return;
        }
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
