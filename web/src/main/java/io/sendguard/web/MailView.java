package io.sendguard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.mailets.hold.HoldAttributes;

/**
 * A held mail as the pages show it (a Mustache model of plain values; the template escapes them): subject, sender,
 * recipients grouped by domain with internal / external and first-time / look-alike flags, attachments, findings in
 * words, state, due time or deadline, approvals.
 */
final class MailView {
    private MailView() {
    }

    static Map<String, Object> of(Web web, PageTexts t, HeldMail mail) {
        Map<String, Object> m = new HashMap<>();
        m.put("t", t.words().all());
        m.put("id", mail.id().toString());
        m.put("subject", mail.subject().isBlank() ? t.noSubject() : mail.subject());
        m.put("sender", mail.sender().isEmpty() ? t.noSender() : mail.sender());
        m.put("state", t.state(mail.state(), mail.mode()));
        m.put("created", t.dateTime(mail.createdAt(), web.zone));
        m.put("due", due(web, t, mail));
        m.put("dueLabel", mail.mode() == HoldMode.APPROVAL && !mail.isApproved() ? t.approvalDeadlineLabel() : t.dueLabel());
        List<Finding> findings = findings(mail);
        m.put("domains", domains(web, t, mail.recipients(), findings));
        m.put("recipientCount", t.recipientCount(mail.recipients().size()));
        m.put("removed", String.join(", ", mail.removedRecipients()));
        m.put("removedLabel", t.removedRecipientsLabel());
        m.put("stateLabel", t.stateLabel());
        m.put("hasRemoved", !mail.removedRecipients().isEmpty());
        List<Map<String, String>> attachments = new ArrayList<>();
        for (HoldAttributes.Attachment a : HoldAttributes.decodeAttachments(mail.attributes().get(HoldAttributes.ATTACHMENTS))) {
            attachments.add(Map.of("name", a.name, "size", size(a.size)));
        }
        m.put("attachments", attachments);
        m.put("hasAttachments", !attachments.isEmpty());
        List<Map<String, String>> words = new ArrayList<>();
        for (Finding f : findings) {
            words.add(Map.of("words", web.findingWords.describe(f, t.lang()),
                "detail", f.ruleId() + ", " + f.severity().name().toLowerCase(Locale.ROOT)));
        }
        m.put("findings", words);
        m.put("hasFindings", !words.isEmpty());
        m.put("approval", mail.mode() == HoldMode.APPROVAL);
        mail.lastDecision().ifPresent(d -> {
            if (!d.comment().isBlank()) {
                m.put("lastComment", d.comment());
            }
        });
        return m;
    }

    /** A row of a list: subject, recipients in short, state, due time. */
    static Map<String, Object> row(Web web, PageTexts t, HeldMail mail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", mail.id().toString());
        m.put("subject", mail.subject().isBlank() ? t.noSubject() : mail.subject());
        m.put("sender", mail.sender());
        Set<String> domains = new TreeSet<>();
        boolean external = false;
        for (String r : mail.recipients()) {
            String d = domainOf(r);
            domains.add(d);
            external |= !isLocal(web, d);
        }
        m.put("recipients", t.recipientCount(mail.recipients().size()) + " (" + String.join(", ", domains) + ")");
        m.put("external", external);
        m.put("state", t.state(mail.state(), mail.mode()));
        m.put("due", due(web, t, mail));
        m.put("created", t.dateTime(mail.createdAt(), web.zone));
        m.put("open", mail.state() == HoldState.HELD || mail.state() == HoldState.APPROVED);
        return m;
    }

    static String due(Web web, PageTexts t, HeldMail mail) {
        if (mail.dueAt().isEmpty()) {
            return t.dueAfterApproval();
        }
        Instant due = mail.dueAt().get();
        String text = t.dateTime(due, web.zone);
        Duration remaining = Duration.between(web.clock.instant(), due);
        if (mail.state() == HoldState.HELD && !remaining.isNegative() && !remaining.isZero()) {
            text += " (" + t.remaining(remaining) + ")";
        }
        return text;
    }

    static List<Finding> findings(HeldMail mail) {
        try {
            return FindingCodec.decode(mail.attributes().get(HoldAttributes.FINDINGS));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static List<Map<String, Object>> domains(Web web, PageTexts t, List<String> recipients, List<Finding> findings) {
        Set<String> firstTime = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> lookalike = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Finding f : findings) {
            String place = f.location().contains(":") ? f.location().substring(f.location().indexOf(':') + 1) : f.location();
            if (f.ruleId().startsWith("recipients.first-time")) {
                firstTime.add(place);
            } else if (f.ruleId().equals("recipients.lookalike-domain")) {
                lookalike.add(place);
            }
        }
        Map<String, List<String>> byDomain = new TreeMap<>();
        for (String r : recipients) {
            byDomain.computeIfAbsent(domainOf(r), d -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byDomain.entrySet()) {
            String domain = e.getKey();
            Map<String, Object> d = new HashMap<>();
            d.put("domain", domain.isEmpty() ? "-" : domain);
            boolean external = !isLocal(web, domain);
            d.put("external", external);
            d.put("where", external ? t.word("external") : t.word("internal"));
            d.put("count", t.recipientCount(e.getValue().size()));
            d.put("lookalike", lookalike.contains(domain));
            List<Map<String, Object>> rs = new ArrayList<>();
            for (String r : e.getValue()) {
                Map<String, Object> rm = new HashMap<>();
                rm.put("address", r);
                rm.put("firstTime", firstTime.contains(r) || firstTime.contains(domain));
                rs.add(rm);
            }
            d.put("recipients", rs);
            out.add(d);
        }
        return out;
    }

    private static boolean isLocal(Web web, String domain) {
        try {
            return web.isLocalDomain.test(domain);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    static String size(long bytes) {
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
}
