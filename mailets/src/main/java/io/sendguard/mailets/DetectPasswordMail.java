package io.sendguard.mailets;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.ppap.RecentEncryptedMails;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.hold.service.Durations;
import io.sendguard.inspection.extract.BodyText;
import io.sendguard.inspection.ppap.PasswordLines;
import io.sendguard.mailets.audit.SendguardMetrics;
import io.sendguard.mailets.recipients.InternalDomains;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Detects the PPAP "password mail": a short mail that hands over the password of an encrypted attachment sent
 * just before. When a mail carries a finding of one of {@code triggerRules} (by default
 * {@code attachment.encrypted}, from {@link InspectAttachments}), its sender and external recipients are
 * remembered for {@code window}. A later mail from the same sender to at least one of those recipients, within
 * the window, whose body text is at most {@code maxLength} characters and has a password-like line (in the
 * body, else in the subject)
 * ({@code パスワード：Abc12345}, {@code 解凍パスワードは…}, {@code PW: …}, {@code zip: …}, {@code Password: …}, or a label
 * with the value alone on the next line; see {@link PasswordLines}) gets the finding {@code ppap.password-mail}
 * (category {@code ppap}, location {@code body}), whose excerpt names the earlier mail and its encrypted
 * attachments and shows the line with the password masked. Severity by {@code action}: {@code hold} (MEDIUM:
 * approval in the shipped pipeline, like the encrypted mail itself), {@code block} (HIGH), {@code tag} (INFO),
 * {@code off}. The mail itself is not changed.
 *
 * <p>Put it after {@code InspectContent} and {@code InspectAttachments} (it reads their findings) and before the
 * matchers that hold. What it remembers is kept in memory only, sender and recipients as keyed hashes (a random
 * key per start), plus the first mail's subject and attachment names for the notice: a restart forgets the mails
 * of the last {@code window}. Internal recipients (James's local domains) are not considered.
 *
 * <p>James's spool handles mails in parallel: a password mail sent right after its encrypted mail may reach this
 * mailet first (the encrypted mail's attachments take longer to inspect). A short mail with a password-like line
 * that follows no known encrypted mail therefore waits up to {@code raceWait} (default 5s; {@code 0} = not at all)
 * for one from the same sender to the same recipients to be recorded. Only such mails wait (rare: short, with a
 * password line); every other mail goes on at once.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.DetectPasswordMail">
 *     <window>30m</window>
 *     <maxLength>1500</maxLength>
 *     <action>hold</action>
 *     <triggerRules>attachment.encrypted</triggerRules>
 *     <maxEntries>10000</maxEntries>
 *     <raceWait>5s</raceWait>
 * </mailet>
 * }</pre>
 */
public class DetectPasswordMail extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DetectPasswordMail.class);

    public static final String PARAM_WINDOW = "window";
    public static final String PARAM_MAX_LENGTH = "maxLength";
    public static final String PARAM_ACTION = "action";
    public static final String PARAM_TRIGGER_RULES = "triggerRules";
    public static final String PARAM_MAX_ENTRIES = "maxEntries";
    public static final String PARAM_RACE_WAIT = "raceWait";
    public static final String DEFAULT_WINDOW = "30m";
    public static final String DEFAULT_RACE_WAIT = "5s";
    public static final int DEFAULT_MAX_LENGTH = 1500;
    public static final int DEFAULT_MAX_ENTRIES = 10000;

    public static final String CATEGORY = "ppap";
    public static final String RULE_PASSWORD_MAIL = "ppap.password-mail";

    private final InspectionStats stats;
    private final Clock clock;
    private Duration window;
    private int maxLength;
    private Optional<Severity> severity;
    private Set<String> triggerRules;
    private RecentEncryptedMails recent;
    private Duration raceWait;
    private volatile SendguardMetrics metrics = SendguardMetrics.none();

    @Inject
    public DetectPasswordMail(InspectionStats stats) {
        this(stats, Clock.systemUTC());
    }

    /** For use outside Guice: counts go to a private {@link InspectionStats}. */
    public DetectPasswordMail() {
        this(new InspectionStats());
    }

    /** Optional: with Sendguard's Guice module, findings are counted in James's metrics. */
    @com.google.inject.Inject(optional = true)
    public void setMetrics(SendguardMetrics metrics) {
        this.metrics = metrics;
    }

    DetectPasswordMail(InspectionStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_WINDOW, PARAM_MAX_LENGTH, PARAM_ACTION, PARAM_TRIGGER_RULES, PARAM_MAX_ENTRIES,
            PARAM_RACE_WAIT));
        String rawWindow = getInitParameter(PARAM_WINDOW, DEFAULT_WINDOW);
        try {
            window = Durations.parse(rawWindow);
            if (window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("must be more than 0 and at most 1d");
            }
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid value '" + rawWindow + "' for parameter " + PARAM_WINDOW + " of mailet "
                + getMailetName() + ": " + e.getMessage());
        }
        maxLength = Parameters.parseInt(this, PARAM_MAX_LENGTH, DEFAULT_MAX_LENGTH, 1, 1_000_000);
        severity = Parameters.parseAction(this, PARAM_ACTION, "hold");
        triggerRules = Arrays.stream(getInitParameter(PARAM_TRIGGER_RULES, InspectAttachments.RULE_ENCRYPTED).split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (triggerRules.isEmpty()) {
            throw new MessagingException("Parameter " + PARAM_TRIGGER_RULES + " of mailet " + getMailetName()
                + " must name at least one rule, e.g. " + InspectAttachments.RULE_ENCRYPTED);
        }
        String rawRaceWait = getInitParameter(PARAM_RACE_WAIT, DEFAULT_RACE_WAIT);
        try {
            raceWait = Durations.parse(rawRaceWait);
            if (raceWait.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("must be at most 1m");
            }
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid value '" + rawRaceWait + "' for parameter " + PARAM_RACE_WAIT + " of mailet "
                + getMailetName() + ": " + e.getMessage());
        }
        int maxEntries = Parameters.parseInt(this, PARAM_MAX_ENTRIES, DEFAULT_MAX_ENTRIES, 1, 10_000_000);
        recent = new RecentEncryptedMails(window, maxEntries, clock);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        FailedChecks.inspect("DetectPasswordMail", mail, "the body", () -> detect(mail), stats, metrics);
    }

    private void detect(Mail mail) throws MessagingException {
        Optional<String> sender = mail.getMaybeSender().asOptional().map(a -> InternalDomains.normalizeAddress(a.asString()));
        List<String> external = InternalDomains.externalRecipients(mail, getMailetContext());
        if (sender.isEmpty() || external.isEmpty()) {
            return;
        }
        MimeMessage message = mail.getMessage();
        List<String> encrypted = FindingsAttribute.read(mail).stream().filter(f -> triggerRules.contains(f.ruleId()))
            .map(Finding::location).distinct().collect(Collectors.toList());
        if (!encrypted.isEmpty()) {
            recent.record(sender.get(), external, describe(subject(message), encrypted));
            return;
        }
        if (severity.isEmpty()) {
            return;
        }
        Optional<RecentEncryptedMails.Sighting> first = recent.latest(sender.get(), external);
        if (first.isEmpty() && raceWait.isZero()) {
            return;
        }
        String body;
        try {
            body = BodyText.of(message, maxLength);
        } catch (IOException | MessagingException | RuntimeException e) {
            if (first.isPresent()) {
                LOGGER.warn("Mail {}: body not readable for the password-mail check: {}", mail.getName(), e.getClass().getSimpleName());
            }
            return;
        }
        if (body == null) {
            return; // longer than maxLength: not a short password mail
        }
        Optional<PasswordLines.Match> line = PasswordLines.find(body).or(() -> PasswordLines.find(subject(message)));
        if (line.isEmpty()) {
            return;
        }
        if (first.isEmpty()) {
            try {
                first = recent.awaitLatest(sender.get(), external, raceWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first.isEmpty()) {
                return;
            }
        }
        long minutes = Duration.between(first.get().at(), clock.instant()).toMinutes();
        Finding finding = Finding.of(RULE_PASSWORD_MAIL, CATEGORY, severity.get(), "body",
            "PPAP: this mail seems to hand over the password of the encrypted attachment sent "
                + (minutes < 1 ? "less than a minute" : minutes + " min") + " earlier to the same recipient(s), "
                + first.get().description() + ": " + line.get().maskedLine());
        DetectorFindings.add(mail, List.of(finding), stats, metrics);
        LOGGER.info("Mail {}: password mail following an encrypted attachment sent {} min earlier", mail.getName(), minutes);
    }

    private static String subject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String describe(String subject, List<String> locations) {
        String s = subject.length() > 60 ? subject.substring(0, 59) + "…" : subject;
        String where = String.join(", ", locations);
        return "\"" + s + "\" (" + (where.length() > 120 ? where.substring(0, 119) + "…" : where) + ")";
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard PPAP password-mail detection";
    }
}
