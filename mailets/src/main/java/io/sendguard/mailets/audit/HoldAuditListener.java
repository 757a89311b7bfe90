package io.sendguard.mailets.audit;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditLog;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.TokenAction;
import io.sendguard.mailets.hold.HoldAttributes;

/**
 * Records what the send hold does in the audit trail (HELD, CANCELLED whole or for one recipient,
 * APPROVED, REJECTED, RELEASED with who released it, EXPIRED) and counts it ({@code sendguard_held},
 * {@code sendguard_released}, {@code sendguard_cancelled}). Register it before the listener that sends
 * notices: then a notice a sender received means its event is on disk.
 *
 * <p>"Send now" is not an event of its own: the RELEASED event that follows names who asked for it
 * ({@code by}: {@code time}, {@code sender}, {@code admin}, {@code approver}).
 */
public final class HoldAuditListener implements HoldService.Listener {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldAuditListener.class);

    private final AuditLog log;
    private final SendguardMetrics metrics;

    public HoldAuditListener(AuditLog log, SendguardMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void held(HeldMail mail) {
        metrics.held();
        AuditEvent.Builder event = of(AuditEventType.HELD, mail)
            .detail("mode", mail.mode().name().toLowerCase(java.util.Locale.ROOT));
        mail.dueAt().map(Instant::toString).ifPresent(due -> event.detail("due", due));
        if (!mail.approvers().isEmpty()) {
            event.detail("approvers", String.valueOf(mail.approvers().size()));
        }
        String findings = mail.attributes().get(HoldAttributes.FINDINGS);
        if (findings != null) {
            try {
                event.findings(AuditEvents.masked(FindingCodec.decode(findings)));
            } catch (RuntimeException e) {
                event.detail("findings", "unreadable");
            }
        }
        append(event, mail);
    }

    /** One approval of a mail that needs more: an APPROVED event with {@code approvals} "1/2" (the mail stays held). */
    @Override
    public void approvalRecorded(HeldMail mail, String approver, String comment) {
        append(of(AuditEventType.APPROVED, mail).actor(approver).comment(comment).detail("by", actorKind(mail, approver))
            .detail("approvals", mail.approvals().size() + "/" + mail.approvalsRequired()), mail);
    }

    /** Several recipients removed at once: one CANCELLED event (scope recipient) naming them all. */
    @Override
    public void recipientsRemoved(HeldMail mail, List<String> removed, String actor, String comment) {
        metrics.cancelled();
        append(of(AuditEventType.CANCELLED, mail).actor(actor).comment(comment)
            .detail("scope", mail.recipients().isEmpty() ? "mail" : "recipient").detail("by", actorKind(mail, actor))
            .recipients(removed), mail);
    }

    @Override
    public void decided(HeldMail mail, TokenAction action, String actor, String comment) {
        switch (action) {
            case CANCEL:
                metrics.cancelled();
                append(of(AuditEventType.CANCELLED, mail).actor(actor).comment(comment).detail("scope", "mail")
                    .detail("by", actorKind(mail, actor)), mail);
                break;
            case CANCEL_RECIPIENT:
                List<String> removed = mail.removedRecipients();
                AuditEvent.Builder event = of(AuditEventType.CANCELLED, mail).actor(actor).comment(comment)
                    .detail("scope", "recipient").detail("by", actorKind(mail, actor));
                event.recipients(removed.isEmpty() ? List.of() : List.of(removed.get(removed.size() - 1)));
                append(event, mail);
                break;
            case APPROVE: {
                AuditEvent.Builder approved = of(AuditEventType.APPROVED, mail).actor(actor).comment(comment)
                    .detail("by", actorKind(mail, actor));
                if (mail.approvalsRequired() > 1) {
                    approved.detail("approvals", mail.approvals().size() + "/" + mail.approvalsRequired());
                }
                append(approved, mail);
                break;
            }
            case REJECT:
                append(of(AuditEventType.REJECTED, mail).actor(actor).comment(comment).detail("by", actorKind(mail, actor)), mail);
                break;
            default:
                // SEND_NOW: the RELEASED event that follows says who asked for it
                break;
        }
    }

    @Override
    public void released(HeldMail mail) {
        metrics.released();
        String approvedBy = mail.attributes().get(HeldMail.APPROVED_BY);
        String by = approvedBy == null ? "time" : actorKind(mail, approvedBy);
        AuditEvent.Builder event = of(AuditEventType.RELEASED, mail).detail("by", by);
        event.actor(approvedBy == null ? HoldService.SYSTEM_ACTOR : approvedBy);
        if (mail.mode() == HoldMode.APPROVAL && approvedBy == null) {
            event.detail("reason", "approval deadline passed, onTimeout=release");
        }
        append(event, mail);
    }

    @Override
    public void expired(HeldMail mail) {
        append(of(AuditEventType.EXPIRED, mail).actor(HoldService.SYSTEM_ACTOR), mail);
    }

    private static AuditEvent.Builder of(AuditEventType type, HeldMail mail) {
        return AuditEvent.builder(type).messageId(mail.messageId()).heldMailId(mail.id().asString())
            .sender(mail.sender()).recipients(mail.recipients());
    }

    /** sender, approver, admin or (an address that is neither) other. */
    static String actorKind(HeldMail mail, String actor) {
        if (actor.equalsIgnoreCase(mail.sender())) {
            return "sender";
        }
        if (mail.approvers().stream().anyMatch(actor::equalsIgnoreCase)) {
            return "approver";
        }
        return actor.contains("@") ? "other" : actor;
    }

    private void append(AuditEvent.Builder event, HeldMail mail) {
        try {
            log.append(event.build());
        } catch (RuntimeException e) {
            LOGGER.error("Held mail {}: audit event not recorded: {}", mail.id(), e.toString());
        }
    }

    @Override
    public void setAside(io.sendguard.hold.SetAsideMail mail) {
        metrics.holdSetAside();
    }
}
