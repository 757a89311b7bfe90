package io.sendguard.mailets.hold;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

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
import io.sendguard.core.notice.NoticeLanguage;
import io.sendguard.core.notice.NoticeTime;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.TokenAction;

/**
 * Sends the notices of the send hold: to the sender when a mail is held (with links to cancel, send
 * now and cancel one recipient), to each approver when approval is needed (approve / reject), and
 * short confirmations (cancelled, recipient removed, approved, rejected with the approver's comment,
 * approval expired). Plain UTF-8 text with full links, in the configured language ({@code notice.language}: in
 * {@code both}, the Japanese part, then the English part with the same links, then the footer), findings in words
 * ({@link io.sendguard.core.finding.FindingWords}) with the rule and severity as a trailing detail, times in
 * {@code notice.timeZone} ({@code 2026-12-08 09:15 (JST)}).
 */
public final class HoldNotices implements HoldService.Listener {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldNotices.class);

    private final HoldService service;
    private final MailetContext context;
    private final NoticeLanguage language;
    /** The texts of each part of a notice: one language, or Japanese then English. */
    private final List<NoticeTexts> parts;
    private final NoticeTime time;
    /** The sign-in link of a sender's notices (to "my mail" on the web listener); none when the listener is off. */
    private final Function<String, Optional<String>> signInLink;

    public HoldNotices(HoldService service, MailetContext context, ZoneId zone) {
        this(service, context, zone, sender -> Optional.empty());
    }

    /** @param signInLink the sign-in link for a sender, put into every notice to that sender */
    public HoldNotices(HoldService service, MailetContext context, ZoneId zone, Function<String, Optional<String>> signInLink) {
        this.signInLink = signInLink;
        this.service = service;
        this.context = context;
        this.language = NoticeLanguage.parse(service.settings().language());
        this.parts = NoticeTexts.parts(service.settings().language(), service.settings().noticeTexts());
        this.time = new NoticeTime(zone);
    }

    @Override
    public void held(HeldMail mail) {
        boolean approval = mail.mode() == io.sendguard.hold.HoldMode.APPROVAL;
        // each link once per notice: the parts of a notice in both languages show the same links
        String sendNow = approval ? null : service.link(mail, TokenAction.SEND_NOW, null);
        String cancel = service.link(mail, TokenAction.CANCEL, null);
        Optional<String> myMail = signInLink.apply(mail.sender());
        Map<String, String> recipientLinks = approval ? Map.of() : recipientLinks(mail);
        String body = compose(texts -> {
            StringBuilder part = new StringBuilder();
            part.append(approval ? texts.waitingApproval : texts.heldIntro).append("\n\n");
            describe(texts, mail, part, recipientLinks);
            if (approval) {
                part.append(texts.deadline).append(": ").append(time(mail.dueAt().orElse(null))).append("\n\n");
            } else {
                part.append(texts.releaseAt).append(": ").append(time(mail.dueAt().orElse(null))).append("\n\n");
                part.append(texts.sendNowLink).append(":\n  ").append(sendNow).append("\n\n");
            }
            part.append(texts.cancelLink).append(":\n  ").append(cancel).append("\n\n");
            myMail.ifPresent(link -> part.append(texts.myMailLink).append(":\n  ").append(link).append("\n\n"));
            part.append(texts.linksNote).append("\n\n");
            return part;
        });
        send(mail.sender(), subject(texts -> texts.heldSubject) + mail.subject(), body);

        if (approval) {
            for (String approver : mail.approvers()) {
                send(approver, subject(texts -> texts.approvalSubject) + mail.subject(),
                    approvalRequest(mail, approver, texts -> texts.approvalIntro));
            }
        }
    }

    /** The parts of a notice in the configured language, divided by a line, then the (first part's) footer. */
    private String compose(Function<NoticeTexts, CharSequence> part) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                body.append(NoticeLanguage.SEPARATOR);
            }
            body.append(part.apply(parts.get(i)));
        }
        return body.append(parts.get(0).footer).append('\n').toString();
    }

    /** A subject prefix in the configured language: {@code [送信保留] }, {@code [Held] } or {@code [送信保留][Held] }. */
    private String subject(Function<NoticeTexts, String> prefix) {
        return parts.size() == 1 ? prefix.apply(parts.get(0))
            : language.subjectPrefix(prefix.apply(parts.get(0)), prefix.apply(parts.get(1)));
    }

    /** The "cancel only this recipient" links of a held mail with several recipients, by recipient. */
    private Map<String, String> recipientLinks(HeldMail mail) {
        Map<String, String> links = new LinkedHashMap<>();
        if (mail.recipients().size() > 1) {
            for (String r : mail.recipients()) {
                links.put(r, service.link(mail, TokenAction.CANCEL_RECIPIENT, r));
            }
        }
        return links;
    }

    /** The request to one approver: the mail, its deadline, the approve and reject links for that approver. */
    private String approvalRequest(HeldMail mail, String approver, Function<NoticeTexts, String> intro) {
        String approve = service.link(mail, TokenAction.APPROVE, approver);
        String reject = service.link(mail, TokenAction.REJECT, approver);
        return compose(texts -> {
            StringBuilder part = new StringBuilder();
            part.append(intro.apply(texts)).append("\n\n");
            if (mail.approvalsRequired() > 1) {
                part.append(texts.approvalsNeeded.replace("{0}", Integer.toString(mail.approvalsRequired()))).append("\n\n");
            }
            describe(texts, mail, part, Map.of());
            part.append(texts.deadline).append(": ").append(time(mail.dueAt().orElse(null))).append("\n\n");
            part.append(texts.approveLink).append(":\n  ").append(approve).append("\n\n");
            part.append(texts.rejectLink).append(":\n  ").append(reject).append("\n\n");
            part.append(texts.linksNote).append("\n\n");
            return part;
        });
    }

    /** One approval of a mail that needs more: the sender hears "1 of 2" (with the approver's comment). */
    @Override
    public void approvalRecorded(HeldMail mail, String approver, String comment) {
        String so = Integer.toString(mail.approvals().size());
        String needed = Integer.toString(mail.approvalsRequired());
        confirm(mail, texts -> texts.partialApprovalSubject.replace("{0}", so).replace("{1}", needed),
            texts -> texts.partialApprovalBody.replace("{0}", so).replace("{1}", needed), comment);
    }

    /** The approval deadline is near: a new request to each approver who has not approved yet. */
    @Override
    public void remind(HeldMail mail) {
        for (String approver : mail.approvers()) {
            if (!mail.isApprovedBy(approver)) {
                send(approver, subject(texts -> texts.reminderSubject) + mail.subject(),
                    approvalRequest(mail, approver, texts -> texts.reminderIntro));
            }
        }
    }

    /** Several recipients removed at once: one confirmation naming them all (or "cancelled" when none is left). */
    @Override
    public void recipientsRemoved(HeldMail mail, List<String> removed, String actor, String comment) {
        if (mail.recipients().isEmpty()) {
            confirm(mail, texts -> texts.cancelledSubject, texts -> texts.cancelledBody, null);
        } else {
            confirm(mail, texts -> texts.recipientRemovedSubject,
                texts -> texts.recipientRemovedBody + "\n  " + String.join("\n  ", removed), null);
        }
    }

    @Override
    public void decided(HeldMail mail, TokenAction action, String actor, String comment) {
        switch (action) {
            case CANCEL:
                confirm(mail, texts -> texts.cancelledSubject, texts -> texts.cancelledBody, null);
                break;
            case CANCEL_RECIPIENT:
                List<String> removed = mail.removedRecipients();
                String last = removed.isEmpty() ? "" : removed.get(removed.size() - 1);
                if (mail.recipients().isEmpty()) {
                    confirm(mail, texts -> texts.cancelledSubject, texts -> texts.cancelledBody, null);
                } else {
                    confirm(mail, texts -> texts.recipientRemovedSubject, texts -> texts.recipientRemovedBody + "\n  " + last, null);
                }
                break;
            case APPROVE:
                confirm(mail, texts -> texts.approvedSubject, texts -> texts.approvedBody, comment);
                break;
            case REJECT:
                confirm(mail, texts -> texts.rejectedSubject, texts -> texts.rejectedBody, comment);
                break;
            default:
                break;
        }
    }

    @Override
    public void expired(HeldMail mail) {
        confirm(mail, texts -> texts.expiredSubject, texts -> texts.expiredBody, null);
    }

    private void confirm(HeldMail mail, Function<NoticeTexts, String> subjectPrefix, Function<NoticeTexts, String> intro,
                         String comment) {
        Optional<String> myMail = signInLink.apply(mail.sender());
        String body = compose(texts -> {
            StringBuilder part = new StringBuilder(intro.apply(texts)).append("\n\n");
            describe(texts, mail, part, Map.of());
            if (comment != null && !comment.isBlank()) {
                part.append(texts.comment).append(":\n  ").append(comment.replace("\n", "\n  ")).append("\n\n");
            }
            myMail.ifPresent(link -> part.append(texts.myMailLink).append(":\n  ").append(link).append("\n\n"));
            return part;
        });
        send(mail.sender(), subject(subjectPrefix) + mail.subject(), body);
    }

    /**
     * Subject, recipients grouped by domain (external marked), attachments, findings in words.
     *
     * @param recipientLinks the "cancel only this recipient" link of each recipient that gets one
     */
    private void describe(NoticeTexts texts, HeldMail mail, StringBuilder out, Map<String, String> recipientLinks) {
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
                if (recipientLinks.containsKey(r)) {
                    out.append("      ").append(texts.cancelThisRecipient).append(": ")
                        .append(recipientLinks.get(r)).append('\n');
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
                out.append("  - ").append(texts.findingWords.describe(f)).append("  ").append(texts.findingWords.detail(f))
                    .append('\n');
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
        return time.format(instant);
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
