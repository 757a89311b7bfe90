package io.sendguard.mailets.hold;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.mailets.MailSessions;
import io.sendguard.mailets.OwnNotices;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.TokenAction;

/**
 * Sends the notices of the send hold: to the sender when a mail is held (with links to cancel, send
 * now and cancel one recipient), to each approver when approval is needed (approve / reject), and
 * short confirmations (cancelled, recipient removed, approved, rejected with the approver's comment,
 * approval expired). Plain UTF-8 text with full links, in the configured language.
 */
public final class HoldNotices implements HoldService.Listener {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldNotices.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final HoldService service;
    private final MailetContext context;
    private final NoticeTexts texts;
    private final ZoneId zone;

    public HoldNotices(HoldService service, MailetContext context, ZoneId zone) {
        this.service = service;
        this.context = context;
        this.texts = NoticeTexts.of(service.settings().language(), service.settings().noticeTexts());
        this.zone = zone;
    }

    @Override
    public void held(HeldMail mail) {
        StringBuilder body = new StringBuilder();
        boolean approval = mail.mode() == io.sendguard.hold.HoldMode.APPROVAL;
        body.append(approval ? texts.waitingApproval : texts.heldIntro).append("\n\n");
        describe(mail, body, !approval);
        if (approval) {
            body.append(texts.deadline).append(": ").append(time(mail.dueAt().orElse(null))).append("\n\n");
        } else {
            body.append(texts.releaseAt).append(": ").append(time(mail.dueAt().orElse(null))).append("\n\n");
            body.append(texts.sendNowLink).append(":\n  ").append(service.link(mail, TokenAction.SEND_NOW, null)).append("\n\n");
        }
        body.append(texts.cancelLink).append(":\n  ").append(service.link(mail, TokenAction.CANCEL, null)).append("\n\n");
        body.append(texts.linksNote).append("\n\n").append(texts.footer).append('\n');
        send(mail.sender(), texts.heldSubject + mail.subject(), body.toString());

        if (approval) {
            for (String approver : mail.approvers()) {
                send(approver, texts.approvalSubject + mail.subject(), approvalRequest(mail, approver, texts.approvalIntro));
            }
        }
    }

    /** The request to one approver: the mail, its deadline, the approve and reject links for that approver. */
    private String approvalRequest(HeldMail mail, String approver, String intro) {
        StringBuilder request = new StringBuilder();
        request.append(intro).append("\n\n");
        if (mail.approvalsRequired() > 1) {
            request.append(texts.approvalsNeeded.replace("{0}", Integer.toString(mail.approvalsRequired()))).append("\n\n");
        }
        describe(mail, request, false);
        request.append(texts.deadline).append(": ").append(time(mail.dueAt().orElse(null))).append("\n\n");
        request.append(texts.approveLink).append(":\n  ").append(service.link(mail, TokenAction.APPROVE, approver)).append("\n\n");
        request.append(texts.rejectLink).append(":\n  ").append(service.link(mail, TokenAction.REJECT, approver)).append("\n\n");
        request.append(texts.linksNote).append("\n\n").append(texts.footer).append('\n');
        return request.toString();
    }

    /** One approval of a mail that needs more: the sender hears "1 of 2" (with the approver's comment). */
    @Override
    public void approvalRecorded(HeldMail mail, String approver, String comment) {
        String so = Integer.toString(mail.approvals().size());
        String needed = Integer.toString(mail.approvalsRequired());
        confirm(mail, texts.partialApprovalSubject.replace("{0}", so).replace("{1}", needed),
            texts.partialApprovalBody.replace("{0}", so).replace("{1}", needed), comment);
    }

    /** The approval deadline is near: a new request to each approver who has not approved yet. */
    @Override
    public void remind(HeldMail mail) {
        for (String approver : mail.approvers()) {
            if (!mail.isApprovedBy(approver)) {
                send(approver, texts.reminderSubject + mail.subject(), approvalRequest(mail, approver, texts.reminderIntro));
            }
        }
    }

    /** Several recipients removed at once: one confirmation naming them all (or "cancelled" when none is left). */
    @Override
    public void recipientsRemoved(HeldMail mail, List<String> removed, String actor, String comment) {
        if (mail.recipients().isEmpty()) {
            confirm(mail, texts.cancelledSubject, texts.cancelledBody, null);
        } else {
            confirm(mail, texts.recipientRemovedSubject, texts.recipientRemovedBody + "\n  " + String.join("\n  ", removed), null);
        }
    }

    @Override
    public void decided(HeldMail mail, TokenAction action, String actor, String comment) {
        switch (action) {
            case CANCEL:
                confirm(mail, texts.cancelledSubject, texts.cancelledBody, null);
                break;
            case CANCEL_RECIPIENT:
                List<String> removed = mail.removedRecipients();
                String last = removed.isEmpty() ? "" : removed.get(removed.size() - 1);
                if (mail.recipients().isEmpty()) {
                    confirm(mail, texts.cancelledSubject, texts.cancelledBody, null);
                } else {
                    confirm(mail, texts.recipientRemovedSubject, texts.recipientRemovedBody + "\n  " + last, null);
                }
                break;
            case APPROVE:
                confirm(mail, texts.approvedSubject, texts.approvedBody, comment);
                break;
            case REJECT:
                confirm(mail, texts.rejectedSubject, texts.rejectedBody, comment);
                break;
            default:
                break;
        }
    }

    @Override
    public void expired(HeldMail mail) {
        confirm(mail, texts.expiredSubject, texts.expiredBody, null);
    }

    private void confirm(HeldMail mail, String subjectPrefix, String intro, String comment) {
        StringBuilder body = new StringBuilder(intro).append("\n\n");
        describe(mail, body, false);
        if (comment != null && !comment.isBlank()) {
            body.append(texts.comment).append(":\n  ").append(comment.replace("\n", "\n  ")).append("\n\n");
        }
        body.append(texts.footer).append('\n');
        send(mail.sender(), subjectPrefix + mail.subject(), body.toString());
    }

    /** Subject, recipients grouped by domain (external marked), attachments, findings. */
    private void describe(HeldMail mail, StringBuilder out, boolean recipientLinks) {
        out.append(texts.subject).append(": ").append(mail.subject()).append('\n');
        out.append(texts.from).append(": ").append(mail.sender()).append('\n');
        out.append(texts.recipients).append(":\n");
        Map<String, List<String>> byDomain = new TreeMap<>();
        for (String r : mail.recipients()) {
            byDomain.computeIfAbsent(domainOf(r), d -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<String>> e : byDomain.entrySet()) {
            out.append("  ").append(e.getKey()).append(" (").append(isLocal(e.getKey()) ? texts.internal : texts.external)
                .append(")\n");
            for (String r : e.getValue()) {
                out.append("    ").append(r).append('\n');
                if (recipientLinks && mail.recipients().size() > 1) {
                    out.append("      ").append(texts.cancelThisRecipient).append(": ")
                        .append(service.link(mail, TokenAction.CANCEL_RECIPIENT, r)).append('\n');
                }
            }
        }
        List<HoldAttributes.Attachment> attachments = HoldAttributes.decodeAttachments(mail.attributes().get(HoldAttributes.ATTACHMENTS));
        out.append(texts.attachments).append(":");
        if (attachments.isEmpty()) {
            out.append(' ').append(texts.noAttachments).append('\n');
        } else {
            out.append('\n');
            for (HoldAttributes.Attachment a : attachments) {
                out.append("  ").append(a.name).append(" (").append(size(a.size)).append(")\n");
            }
        }
        List<Finding> findings = findings(mail);
        out.append(texts.findings).append(":");
        if (findings.isEmpty()) {
            out.append(' ').append(texts.noFindings).append('\n');
        } else {
            out.append('\n');
            for (Finding f : findings) {
                out.append("  - [").append(f.severity().name().toLowerCase(Locale.ROOT)).append("] ").append(f.ruleId())
                    .append(" @ ").append(f.location());
                if (!f.excerpt().isEmpty()) {
                    out.append(": ").append(f.excerpt());
                }
                out.append('\n');
            }
        }
        out.append('\n');
    }

    private static List<Finding> findings(HeldMail mail) {
        try {
            return FindingCodec.decode(mail.attributes().get(HoldAttributes.FINDINGS));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private boolean isLocal(String domain) {
        try {
            return context.isLocalServer(Domain.of(domain));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String size(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atZone(zone));
    }

    private void send(String to, String subject, String body) {
        try {
            MailAddress from = service.settings().noticeFrom().isEmpty()
                ? context.getPostmaster() : new MailAddress(service.settings().noticeFrom());
            if (from.asString().equalsIgnoreCase(to.trim())) {
                // a mail from the notice sender itself: one of our notices that an alias or forward sent on (held like
                // any mail going out); a notice about it would go the same way and be held again, for ever
                LOGGER.info("No notice to the notice sender itself: a held mail from it waits in WebAdmin (subject {})",
                    subject.length() > 80 ? subject.substring(0, 80) : subject);
                return;
            }
            MimeMessage message = new MimeMessage(MailSessions.plain());
            message.setFrom(new InternetAddress(from.asString(), "Sendguard", "UTF-8"));
            message.setRecipients(javax.mail.Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setText(body, "UTF-8");
            message.setHeader("Auto-Submitted", "auto-generated");
            message.saveChanges();
            OwnNotices.send(context, from, new MailAddress(to), message);
        } catch (MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            LOGGER.error("Could not send a Sendguard notice: {}", e.toString());
        }
    }
}
