package io.sendguard.mailets;

import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingWords;
import io.sendguard.core.notice.NoticeLanguage;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Tells the sender that their mail was stopped and why: each finding in words ({@link FindingWords}: what was
 * found and where, with the masked excerpt where it helps), its rule and severity as a trailing detail, in Japanese,
 * English or both (Japanese first). The mail itself is not changed: put {@code ToRepository} (the quarantine) after it.
 * The opening paragraphs ({@code introJa}, {@code introEn}) and the signature ({@code footer}) can be
 * replaced, e.g. to say whom to contact; a line break in the parameter is a line break in the notice.
 *
 * <pre>{@code
 * <processor state="sendguard-quarantine">
 *     <mailet match="All" class="io.sendguard.mailets.NotifyBlocked">
 *         <language>both</language>
 *         <footer>-- 
 * 問い合わせ: 情報システム部 (postmaster@example.com)</footer>
 *     </mailet>
 *     <mailet match="All" class="ToRepository">
 *         <repositoryPath>memory://var/mail/sendguard-quarantine/</repositoryPath>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class NotifyBlocked extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(NotifyBlocked.class);

    public static final String PARAM_LANGUAGE = "language";
    public static final String PARAM_FROM = "from";
    public static final String PARAM_INTRO_JA = "introJa";
    public static final String PARAM_INTRO_EN = "introEn";
    public static final String PARAM_FOOTER = "footer";
    private static final String DEFAULT_FOOTER = "-- \nSendguard";

    private static final String JA_SUBJECT = "[送信停止] ";
    private static final String EN_SUBJECT = "[Blocked] ";
    private static final String JA_INTRO = "次のメールは送信されませんでした。Sendguard の検査で、送信できない内容が見つかりました。\n"
        + "メールは管理者のもとに保管されています。誤りと思われる場合は管理者にご連絡ください。";
    private static final String EN_INTRO = "The following mail was NOT sent: Sendguard found content that must not leave.\n"
        + "The mail is kept for the administrator. If you think this is a mistake, contact your administrator.";

    private NoticeLanguage language;
    private MailAddress from;
    private String introJa;
    private String introEn;
    private String footer;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_LANGUAGE, PARAM_FROM, PARAM_INTRO_JA, PARAM_INTRO_EN, PARAM_FOOTER));
        introJa = text(PARAM_INTRO_JA, JA_INTRO);
        introEn = text(PARAM_INTRO_EN, EN_INTRO);
        footer = text(PARAM_FOOTER, DEFAULT_FOOTER);
        try {
            language = NoticeLanguage.parse(getInitParameter(PARAM_LANGUAGE, "both"));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid " + PARAM_LANGUAGE + " " + e.getMessage());
        }
        String configuredFrom = getInitParameter(PARAM_FROM, "").trim();
        try {
            from = configuredFrom.isEmpty() ? null : new MailAddress(configuredFrom);
        } catch (javax.mail.internet.AddressException e) {
            throw new MessagingException("Invalid " + PARAM_FROM + " '" + configuredFrom + "': not an address");
        }
    }

    /**
     * Tells the sender. When that fails (anything thrown), the mail is still blocked: the failure is logged and the
     * mail goes on to the quarantine repository, never back into the pipeline or to the error processor.
     */
    @Override
    public void service(Mail mail) {
        Failsafe.keepAlive("NotifyBlocked on mail " + mail.getName() + " (no block notice sent)", () -> notifySender(mail));
    }

    private void notifySender(Mail mail) throws MessagingException {
        if (mail.getMaybeSender().isNullSender()) {
            return;
        }
        String subject = mail.getMessage().getSubject() == null ? "" : mail.getMessage().getSubject();
        List<Finding> findings = FindingsAttribute.read(mail);
        StringBuilder body = new StringBuilder();
        for (String part : language.parts()) {
            if (part.equals("en")) {
                if (language == NoticeLanguage.BOTH) {
                    body.append(NoticeLanguage.SEPARATOR);
                }
                section(body, introEn, "Subject", "Recipients", "Findings", subject, mail, findings, FindingWords.forLanguage("en"));
            } else {
                section(body, introJa, "件名", "宛先", "検出内容", subject, mail, findings, FindingWords.forLanguage("ja"));
            }
        }
        body.append(footer).append('\n');
        MailAddress sender = from == null ? getMailetContext().getPostmaster() : from;
        MimeMessage notice = new MimeMessage(MailSessions.plain());
        try {
            notice.setFrom(new InternetAddress(sender.asString(), "Sendguard", "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            notice.setFrom(sender.asString());
        }
        notice.setRecipients(javax.mail.Message.RecipientType.TO, mail.getMaybeSender().get().asString());
        String prefix = language.subjectPrefix(JA_SUBJECT, EN_SUBJECT);
        notice.setSubject(prefix + subject, "UTF-8");
        notice.setSentDate(new Date());
        notice.setHeader("Auto-Submitted", "auto-replied");
        notice.setText(body.toString(), "UTF-8");
        notice.saveChanges();
        OwnNotices.send(getMailetContext(), sender, mail.getMaybeSender().get(), notice);
        LOGGER.info("Mail {}: block notice sent to its sender ({} finding(s))", mail.getName(), findings.size());
    }

    /** A text parameter: its lines without the indentation of the XML around them; blank means the default. */
    private String text(String name, String defaultText) {
        return Parameters.text(getMailetConfig(), name, defaultText);
    }

    private static void section(StringBuilder body, String intro, String subjectLabel, String recipientsLabel,
                                String findingsLabel, String subject, Mail mail, List<Finding> findings, FindingWords words) {
        body.append(intro).append("\n\n");
        body.append(subjectLabel).append(": ").append(subject).append('\n');
        body.append(recipientsLabel).append(": ").append(mail.getRecipients().size()).append('\n');
        for (MailAddress r : mail.getRecipients()) {
            body.append("  ").append(r.asString()).append('\n');
        }
        body.append(findingsLabel).append(":\n");
        for (Finding f : findings) {
            body.append("  - ").append(words.describe(f)).append("  ").append(words.detail(f)).append('\n');
        }
        body.append('\n');
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard block notice to the sender";
    }
}
