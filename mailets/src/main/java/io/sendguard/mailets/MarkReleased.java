package io.sendguard.mailets;

import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.hold.service.HoldService;
import io.sendguard.mailets.hold.ReleasedCopy;

/**
 * Last step before James's outgoing queue: marks the held mail a released copy came from RELEASED (the audit
 * event {@code released} and the sender's notice follow). Until then the hold is RELEASING, and a crash on the
 * way (signing, auditing) makes James's durable spool process the same copy again, which {@link ReleaseHeld}
 * lets through. Other mail passes unchanged; a store failure is logged and the mail still goes on (it was
 * admitted: the hold stays RELEASING and is released again after a restart).
 *
 * <pre>{@code
 * <processor state="relay">
 *     ... DkimSign, AuditRecord ...
 *     <mailet match="All" class="io.sendguard.mailets.MarkReleased"/>
 *     <mailet match="All" class="RemoteDelivery">...</mailet>
 * </processor>
 * }</pre>
 */
public class MarkReleased extends GenericMailet {
    private final HoldService service;

    @Inject
    public MarkReleased(HoldService service) {
        this.service = service;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        // safe action: the mail goes on (it was admitted); the hold stays RELEASING and is released again at restart
        Failsafe.keepAlive("MarkReleased " + mail.getName(),
            () -> ReleasedCopy.heldMailId(mail).ifPresent(service::confirmReleased));
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard: marks a released held mail RELEASED once it reaches the outgoing queue";
    }
}
