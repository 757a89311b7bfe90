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
import io.sendguard.mailets.hold.ReleasedCopy;

/**
 * The release gate, first step of the processor held mail is released into. A released copy carries the
 * headers {@value #HEADER} (the held-mail id) and {@value #ATTEMPT_HEADER} (the release attempt); both are
 * removed and kept as mail attributes ({@link ReleasedCopy}). The first copy of a held mail to get here passes,
 * and so does that same copy when James's spool processes it again after a crash (nothing accepted is lost);
 * a copy of another attempt (a release repeated while the first copy waited) is dropped. The mail is marked
 * RELEASED later, by {@link MarkReleased} right before RemoteDelivery. Mail without the header passes
 * unchanged. Only the headers are touched: the message is not re-parsed or re-saved, so that a malformed mail a
 * reviewer approved leaves as it came. Whatever fails here ({@link Error}s included) drops the copy and puts the
 * held mail back on hold with the reason, for a new decision; a copy whose held mail is unknown goes to James's
 * error processor. Never on to relay unconfirmed.
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
    public static final String ATTEMPT_HEADER = "X-Sendguard-Release-Attempt";

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
        String[] attempts = mail.getMessage().getHeader(ATTEMPT_HEADER);
        HeldMailId id;
        try {
            id = HeldMailId.of(ids[0].trim());
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Mail {} carries a malformed {} header: passed on", mail.getName(), HEADER);
            mail.getMessage().removeHeader(HEADER);
            mail.getMessage().removeHeader(ATTEMPT_HEADER);
            return;
        }
        found[0] = id;
        // the headers only: saving the message would re-parse its MIME structure, which fails on malformed mail
        mail.getMessage().removeHeader(HEADER);
        mail.getMessage().removeHeader(ATTEMPT_HEADER);
        int attempt = attempt(attempts);
        ReleasedCopy.mark(mail, id, attempt);
        if (!service.admitRelease(id, attempt)) {
            mail.setState(Mail.GHOST);
        }
    }

    /** The release attempt stamped on the copy; 0 for a copy released before attempts were stamped. */
    private static int attempt(String[] values) {
        if (values == null || values.length == 0) {
            return 0;
        }
        try {
            return Integer.parseInt(values[0].trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard: release gate for held mail (nothing lost, no second attempt sent)";
    }
}
