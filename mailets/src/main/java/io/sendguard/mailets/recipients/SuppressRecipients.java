package io.sendguard.mailets.recipients;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.mailets.FailedChecks;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditLog;
import io.sendguard.mailets.MailSessions;
import io.sendguard.mailets.OwnNotices;
import io.sendguard.mailets.audit.AuditEvents;
import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingWords;
import io.sendguard.core.notice.NoticeLanguage;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.suppression.SuppressionEntry;
import io.sendguard.core.suppression.SuppressionList;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Removes suppressed recipients (退会者, unsubscribed, hard-bounced, blocked by an admin) from the
 * envelope and from the visible address headers (To, Cc, Resent-To, Resent-Cc; a To left empty
 * becomes {@code undisclosed-recipients:;}), records the finding {@code recipients.suppressed} and
 * tells the sender which recipients were removed and why (Japanese, English or both). When nobody
 * remains, the mail ends after the notice. With Sendguard's Guice module each removal is recorded in the audit trail
 * (event {@code SUPPRESSED}: the removed recipients, their reasons, and whether the mail ended). The list is
 * {@code conf/sendguard-suppression.txt}
 * (re-read when it changes) together with the entries managed through WebAdmin
 * ({@code /sendguard/suppressions}).
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.recipients.SuppressRecipients">
 *     <language>both</language>
 *     <severity>info</severity>
 *     <footer>--
 *         問い合わせ: 情報システム部 (postmaster@example.com)</footer>
 * </mailet>
 * }</pre>
 */
public class SuppressRecipients extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressRecipients.class);

    public static final String PARAM_LANGUAGE = "language";
    public static final String PARAM_FROM = "from";
    public static final String PARAM_SEVERITY = "severity";
    public static final String PARAM_FOOTER = "footer";
    private static final String DEFAULT_FOOTER = "-- \nSendguard";

    public static final String RULE_SUPPRESSED = "recipients.suppressed";
    public static final String CATEGORY = "recipients";
    public static final String LOCATION = "envelope";
    private static final List<String> HEADERS = List.of(VisibleRecipients.TO, VisibleRecipients.CC,
        VisibleRecipients.RESENT_TO, VisibleRecipients.RESENT_CC);

    private static final String JA_SUBJECT = "[宛先削除] ";
    private static final String EN_SUBJECT = "[Recipients removed] ";
    private static final String JA_INTRO = "次のメールから、送信できない宛先（配信停止・配信不能・送信停止リスト）を削除しました。";
    private static final String EN_INTRO = "Recipients that must not receive mail (unsubscribed, bounced, suppressed) were removed from the following mail.";
    private static final String JA_NONE_LEFT = "宛先が残っていないため、このメールは送信されません。";
    private static final String EN_NONE_LEFT = "No recipient remains: the mail is not sent.";
    private static final String JA_REST = "残りの宛先には通常どおり送信されます。";
    private static final String EN_REST = "The other recipients get the mail as usual.";

    private final RecipientLists lists;
    private volatile AuditLog audit = AuditLog.disabled();
    private SuppressionList suppressions;
    private String language;
    private Optional<MailAddress> from;
    private Severity severity;
    private String footer;

    @Inject
    public SuppressRecipients(RecipientLists lists) {
        this.lists = lists;
    }

    /** Optional: with Sendguard's Guice module, removals are recorded in the audit trail. */
    @com.google.inject.Inject(optional = true)
    public void setAuditing(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_LANGUAGE, PARAM_FROM, PARAM_SEVERITY, PARAM_FOOTER));
        footer = io.sendguard.mailets.Parameters.text(getMailetConfig(), PARAM_FOOTER, DEFAULT_FOOTER);
        language = RecipientParameters.parseChoice(this, PARAM_LANGUAGE, "both", "ja", "en", "both");
        String configuredFrom = getInitParameter(PARAM_FROM, "").trim();
        try {
            from = configuredFrom.isEmpty() ? Optional.empty() : Optional.of(new MailAddress(configuredFrom));
        } catch (AddressException e) {
            throw RecipientParameters.invalid(this, PARAM_FROM, configuredFrom, "expected a mail address");
        }
        String severityValue = getInitParameter(PARAM_SEVERITY, "info");
        try {
            severity = Severity.parse(severityValue);
        } catch (IllegalArgumentException e) {
            throw RecipientParameters.invalid(this, PARAM_SEVERITY, severityValue, "expected info, low, medium, high or critical");
        }
        try {
            suppressions = lists.suppressions();
        } catch (IllegalStateException e) {
            throw new MessagingException("Mailet " + getMailetName() + ": " + e.getMessage());
        }
    }

    /**
     * Removes the suppressed recipients; when anything fails inside ({@code Error}s included), the mail gets
     * {@code inspection.failed} (uninspectable, HIGH) and is held for review: a suppressed recipient must never get
     * the mail because the check broke.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            Failsafe.run("SuppressRecipients on mail " + mail.getName(), () -> suppress(mail), failure -> {
                FindingsAttribute.append(mail, FailedChecks.notChecked("the suppression check", LOCATION, failure));
                return null;
            });
        } catch (Exception e) {
            throw FailedChecks.unhandled(getMailetName(), mail, e);
        }
    }

    private void suppress(Mail mail) throws MessagingException {
        Map<MailAddress, SuppressionEntry> removed = new LinkedHashMap<>();
        List<MailAddress> remaining = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String normalized = InternalDomains.normalizeAddress(recipient.asString());
            Optional<SuppressionEntry> entry = InternalDomains.domainOf(normalized).isPresent()
                ? suppressions.find(normalized) : Optional.empty();
            if (entry.isPresent()) {
                removed.put(recipient, entry.get());
            } else {
                remaining.add(recipient);
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        Set<String> removedNormalized = removed.keySet().stream()
            .map(a -> InternalDomains.normalizeAddress(a.asString())).collect(Collectors.toSet());
        mail.setRecipients(remaining);
        removeFromHeaders(mail.getMessage(), removedNormalized);
        Set<String> reasons = removed.values().stream().map(e -> e.reason().label()).collect(Collectors.toCollection(LinkedHashSet::new));
        FindingsAttribute.append(mail, List.of(Finding.of(RULE_SUPPRESSED, CATEGORY, severity, LOCATION,
            removed.size() + " suppressed recipient" + (removed.size() == 1 ? "" : "s") + " removed ("
                + String.join(", ", reasons) + ")")));
        notifySender(mail, removed, remaining.isEmpty());
        recordSuppressed(mail, removed, remaining.isEmpty(), String.join(",", reasons));
        if (remaining.isEmpty()) {
            mail.setState(Mail.GHOST);
            LOGGER.info("Mail {}: all {} recipient(s) suppressed, mail ended", mail.getName(), removed.size());
        } else {
            LOGGER.info("Mail {}: {} suppressed recipient(s) removed, {} remain", mail.getName(), removed.size(), remaining.size());
        }
    }

    /** The SUPPRESSED audit event: its recipients are the removed ones (kept as the trail's policy says). */
    private void recordSuppressed(Mail mail, Map<MailAddress, SuppressionEntry> removed, boolean ended, String reasons) {
        if (!audit.isEnabled()) {
            return;
        }
        try {
            audit.append(AuditEvents.of(AuditEventType.SUPPRESSED, mail)
                .recipients(removed.keySet().stream().map(MailAddress::asString).collect(Collectors.toList()))
                .detail("reasons", reasons)
                .detail("remaining", Integer.toString(mail.getRecipients().size()))
                .detail("mailEnded", Boolean.toString(ended))
                .build());
        } catch (RuntimeException e) {
            LOGGER.error("Mail {}: suppressed recipients removed, but the audit event was not recorded: {}", mail.getName(), e.toString());
        }
    }

    /** Drops the removed addresses from the address headers; a header that does not parse strictly stays as it is. */
    static void removeFromHeaders(MimeMessage message, Set<String> removed) throws MessagingException {
        for (String name : HEADERS) {
            String[] values = message.getHeader(name);
            if (values == null) {
                continue;
            }
            List<String> kept = new ArrayList<>();
            boolean changed = false;
            for (String value : values) {
                InternetAddress[] addresses;
                try {
                    addresses = InternetAddress.parseHeader(MimeUtility.unfold(value), true);
                } catch (AddressException e) {
                    kept.add(value);
                    continue;
                }
                List<String> rendered = new ArrayList<>();
                for (InternetAddress address : addresses) {
                    if (address.isGroup()) {
                        InternetAddress[] members = address.getGroup(false);
                        List<InternetAddress> keptMembers = new ArrayList<>();
                        for (InternetAddress member : members == null ? new InternetAddress[0] : members) {
                            if (!isRemoved(member, removed)) {
                                keptMembers.add(member);
                            }
                        }
                        if (members != null && keptMembers.size() != members.length) {
                            changed = true;
                            String group = address.getAddress();
                            String groupName = group.substring(0, group.indexOf(':'));
                            rendered.add(groupName + ": " + InternetAddress.toString(keptMembers.toArray(new InternetAddress[0])) + ";");
                        } else {
                            rendered.add(address.toString());
                        }
                    } else if (isRemoved(address, removed)) {
                        changed = true;
                    } else {
                        rendered.add(address.toString());
                    }
                }
                if (!rendered.isEmpty()) {
                    kept.add(String.join(", ", rendered));
                }
            }
            if (changed) {
                message.removeHeader(name);
                for (String value : kept) {
                    message.addHeader(name, MimeUtility.fold(name.length() + 2, value));
                }
                if (kept.isEmpty() && name.equals(VisibleRecipients.TO)) {
                    message.setHeader(VisibleRecipients.TO, VisibleRecipients.UNDISCLOSED);
                }
            }
        }
    }

    private static boolean isRemoved(InternetAddress address, Set<String> removed) {
        return address.getAddress() != null && removed.contains(InternalDomains.normalizeAddress(address.getAddress()));
    }

    private void notifySender(Mail mail, Map<MailAddress, SuppressionEntry> removed, boolean noneLeft) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isEmpty()) {
            return;
        }
        String subject = Optional.ofNullable(mail.getMessage().getSubject()).orElse("");
        StringBuilder body = new StringBuilder();
        if (!language.equals("en")) {
            section(body, JA_INTRO, noneLeft ? JA_NONE_LEFT : JA_REST, "件名", "削除した宛先", subject, removed, true);
        }
        if (language.equals("both")) {
            body.append(NoticeLanguage.SEPARATOR);
        }
        if (!language.equals("ja")) {
            section(body, EN_INTRO, noneLeft ? EN_NONE_LEFT : EN_REST, "Subject", "Removed recipients", subject, removed, false);
        }
        body.append(footer).append('\n');
        MailAddress noticeFrom = from.orElse(getMailetContext().getPostmaster());
        MimeMessage notice = new MimeMessage(MailSessions.plain());
        try {
            notice.setFrom(new InternetAddress(noticeFrom.asString(), "Sendguard", "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            notice.setFrom(noticeFrom.asString());
        }
        notice.setRecipients(javax.mail.Message.RecipientType.TO, sender.get().asString());
        String prefix = NoticeLanguage.parse(language).subjectPrefix(JA_SUBJECT, EN_SUBJECT);
        notice.setSubject(prefix + subject, "UTF-8");
        notice.setSentDate(new Date());
        notice.setHeader("Auto-Submitted", "auto-replied");
        notice.setText(body.toString(), "UTF-8");
        notice.saveChanges();
        OwnNotices.send(getMailetContext(), noticeFrom, sender.get(), notice);
    }

    private static void section(StringBuilder body, String intro, String outcome, String subjectLabel, String removedLabel,
                                String subject, Map<MailAddress, SuppressionEntry> removed, boolean japanese) {
        FindingWords words = FindingWords.forLanguage(japanese ? "ja" : "en");
        body.append(intro).append('\n').append(outcome).append("\n\n");
        body.append(subjectLabel).append(": ").append(subject).append('\n');
        body.append(removedLabel).append(":\n");
        for (Map.Entry<MailAddress, SuppressionEntry> entry : removed.entrySet()) {
            body.append("  ").append(entry.getKey().asString()).append(" - ")
                .append(words.reason(entry.getValue().reason()));
            if (entry.getValue().isDomain()) {
                body.append(japanese ? "（ドメイン " : " (domain ").append(entry.getValue().value().substring(1))
                    .append(japanese ? "）" : ")");
            }
            body.append('\n');
        }
        body.append('\n');
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard: removes suppressed recipients and tells the sender";
    }
}
