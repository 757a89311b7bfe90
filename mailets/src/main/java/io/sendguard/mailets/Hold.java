package io.sendguard.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.HoldStoreException;
import io.sendguard.hold.service.Durations;
import io.sendguard.hold.service.HoldService;
import io.sendguard.inspection.extract.AttachmentNames;
import io.sendguard.mailets.hold.HoldAttributes;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Holds the mails its matcher selects (送信保留) in Sendguard's durable hold store, instead of sending
 * them now, and tells the sender (and the approvers) with links to cancel, send now, drop one
 * recipient, approve or reject. When the delay ends (or an approver approves), the mail is put back
 * into James in {@code releaseProcessor}, where what must come last happens (Bcc conversion, DKIM
 * signing, RemoteDelivery). Held mail survives restarts; each is released once or cancelled.
 *
 * <p>Timed mode: the mail leaves after {@code delay} ({@code longDelay} when inspection found
 * something or the mail goes to {@code longDelayDomains} or more domains) unless cancelled.
 * Approval mode (上長承認): the mail leaves only once an approver approves; after
 * {@code approvalTimeout} it is rejected (the sender is told) or released, per {@code onTimeout}.
 * Only the mail's approvers (its rule's approvers and the stand-ins, never the sender) can approve or reject it;
 * when they leave nobody (a sender outside the rules, an approver's own mail), {@code fallbackApprovers} (default
 * {@code postmaster}) approve it. Double check (ダブルチェック): {@code approvalsRequired} (default {@code approval.required}
 * of {@code sendguard.properties}, 1) distinct approvers must approve before the mail leaves; it is stored on the held
 * mail, so a later change of the setting does not change the rule of a mail already held. Every approver rule (with
 * the stand-ins) must name at least that many approvers, or init fails naming the parameter; a sender whom the rule
 * leaves fewer (an approver's own mail) gets the fallback approvers added. Whatever fails while holding sends the mail to {@code errorProcessor} (default
 * {@code error}) with the reason: it never leaves unheld.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.Hold">
 *     <mode>timed</mode>
 *     <delay>5m</delay>
 *     <longDelay>15m</longDelay>
 *     <longDelayDomains>3</longDelayDomains>
 *     <releaseProcessor>sendguard-release</releaseProcessor>
 * </mailet>
 * <mailet match="io.sendguard.matchers.HasFinding=*:high" class="io.sendguard.mailets.Hold">
 *     <mode>approval</mode>
 *     <approvers>*@example.com=manager@example.com; ceo@example.com=board@example.com</approvers>
 *     <standInApprovers>deputy@example.com</standInApprovers>
 *     <fallbackApprovers>postmaster</fallbackApprovers>
 *     <approvalTimeout>3d</approvalTimeout>
 *     <onTimeout>reject</onTimeout>
 * </mailet>
 * }</pre>
 */
public class Hold extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(Hold.class);

    public static final String PARAM_MODE = "mode";
    public static final String PARAM_DELAY = "delay";
    public static final String PARAM_LONG_DELAY = "longDelay";
    public static final String PARAM_LONG_DELAY_DOMAINS = "longDelayDomains";
    public static final String PARAM_RELEASE_PROCESSOR = "releaseProcessor";
    public static final String PARAM_APPROVERS = "approvers";
    public static final String PARAM_STAND_IN_APPROVERS = "standInApprovers";
    public static final String PARAM_APPROVAL_TIMEOUT = "approvalTimeout";
    public static final String PARAM_ON_TIMEOUT = "onTimeout";
    public static final String PARAM_FALLBACK_APPROVERS = "fallbackApprovers";
    public static final String PARAM_ERROR_PROCESSOR = "errorProcessor";
    public static final String PARAM_APPROVALS_REQUIRED = "approvalsRequired";
    /** In {@value #PARAM_FALLBACK_APPROVERS}: James's postmaster ({@code <postmaster>} of mailetcontainer.xml). */
    public static final String POSTMASTER = "postmaster";

    public static final String DEFAULT_DELAY = "5m";
    public static final String DEFAULT_RELEASE_PROCESSOR = "sendguard-release";
    public static final String DEFAULT_APPROVAL_TIMEOUT = "3d";

    private final HoldService service;
    private HoldMode mode;
    private Duration delay;
    private Duration longDelay;
    private int longDelayDomains;
    private String releaseProcessor;
    private ApproverRules approvers;
    private Duration approvalTimeout;
    private String onTimeout;
    private String errorProcessor;
    private int approvalsRequired;

    @Inject
    public Hold(HoldService service) {
        this.service = service;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_MODE, PARAM_DELAY, PARAM_LONG_DELAY, PARAM_LONG_DELAY_DOMAINS,
            PARAM_RELEASE_PROCESSOR, PARAM_APPROVERS, PARAM_STAND_IN_APPROVERS, PARAM_APPROVAL_TIMEOUT, PARAM_ON_TIMEOUT,
            PARAM_FALLBACK_APPROVERS, PARAM_ERROR_PROCESSOR, PARAM_APPROVALS_REQUIRED));
        String modeValue = getInitParameter(PARAM_MODE, "timed").trim().toLowerCase(Locale.ROOT);
        switch (modeValue) {
            case "timed": mode = HoldMode.TIMED; break;
            case "approval": mode = HoldMode.APPROVAL; break;
            default:
                throw new MessagingException("Invalid " + PARAM_MODE + " '" + modeValue + "': expected timed or approval");
        }
        delay = duration(PARAM_DELAY, DEFAULT_DELAY);
        longDelay = duration(PARAM_LONG_DELAY, getInitParameter(PARAM_DELAY, DEFAULT_DELAY));
        longDelayDomains = Parameters.parseInt(this, PARAM_LONG_DELAY_DOMAINS, 0, 0, 10000);
        releaseProcessor = getInitParameter(PARAM_RELEASE_PROCESSOR, DEFAULT_RELEASE_PROCESSOR).trim();
        approvalTimeout = duration(PARAM_APPROVAL_TIMEOUT, DEFAULT_APPROVAL_TIMEOUT);
        onTimeout = getInitParameter(PARAM_ON_TIMEOUT, "reject").trim().toLowerCase(Locale.ROOT);
        if (!onTimeout.equals("reject") && !onTimeout.equals("release")) {
            throw new MessagingException("Invalid " + PARAM_ON_TIMEOUT + " '" + onTimeout + "': expected reject or release");
        }
        errorProcessor = getInitParameter(PARAM_ERROR_PROCESSOR, Mail.ERROR).trim();
        try {
            approvers = ApproverRules.parse(getInitParameter(PARAM_APPROVERS, ""), getInitParameter(PARAM_STAND_IN_APPROVERS, ""),
                getInitParameter(PARAM_FALLBACK_APPROVERS, POSTMASTER));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid " + PARAM_APPROVERS + "/" + PARAM_STAND_IN_APPROVERS + "/"
                + PARAM_FALLBACK_APPROVERS + ": " + e.getMessage());
        }
        if (mode == HoldMode.APPROVAL && approvers.isEmpty()) {
            throw new MessagingException("mode=approval needs " + PARAM_APPROVERS + " or " + PARAM_STAND_IN_APPROVERS);
        }
        if (mode == HoldMode.APPROVAL && approvalTimeout.isZero()) {
            throw new MessagingException("Invalid " + PARAM_APPROVAL_TIMEOUT + ": must be positive");
        }
        approvalsRequired = approvalsRequired();
    }

    /** {@value #PARAM_APPROVALS_REQUIRED}, else {@code approval.required}; no more than each approver rule can give. */
    private int approvalsRequired() throws MessagingException {
        boolean given = getInitParameter(PARAM_APPROVALS_REQUIRED) != null;
        if (given && mode != HoldMode.APPROVAL) {
            throw new MessagingException(PARAM_APPROVALS_REQUIRED + " applies to " + PARAM_MODE + "=approval only");
        }
        int required = Parameters.parseInt(this, PARAM_APPROVALS_REQUIRED, service.settings().approvalsRequired(), 1,
            HeldMail.MAX_APPROVALS_REQUIRED);
        if (mode != HoldMode.APPROVAL) {
            return 1;
        }
        java.util.Optional<String> short1 = approvers.ruleWithFewerThan(required);
        if (short1.isPresent()) {
            throw new MessagingException("Invalid " + PARAM_APPROVALS_REQUIRED + " " + required
                + (given ? "" : " (approval.required of sendguard.properties)") + ": the approver rule '" + short1.get()
                + "' with the stand-ins names fewer distinct approvers; add approvers or " + PARAM_STAND_IN_APPROVERS
                + (given ? ", or lower " + PARAM_APPROVALS_REQUIRED : ", or set " + PARAM_APPROVALS_REQUIRED + " on this mailet"));
        }
        return required;
    }

    private Duration duration(String name, String defaultValue) throws MessagingException {
        String value = getInitParameter(name, defaultValue);
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid " + name + ": " + e.getMessage());
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(releaseProcessor), new ProcessingState(errorProcessor));
    }

    /**
     * Holds the mail; whatever fails inside ({@link Error}s included) sends it to {@value #PARAM_ERROR_PROCESSOR}
     * with the reason: never on unheld, never lost.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            Failsafe.run("Hold of mail " + mail.getName(), () -> holdMail(mail), failure -> {
                mail.setErrorMessage("Sendguard could not hold this mail: " + Failsafe.describe(failure));
                mail.setState(errorProcessor);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("Sendguard could not hold mail " + mail.getName(), e);
        }
    }

    private void holdMail(Mail mail) throws MessagingException {
        if (mail.getMaybeSender().isNullSender() || mail.getRecipients().isEmpty()) {
            LOGGER.info("Mail {} has no sender or no recipient: not held", mail.getName());
            return;
        }
        String sender = mail.getMaybeSender().get().asString();
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList());
        Instant now = service.clock().instant();
        MimeMessage message = mail.getMessage();
        List<io.sendguard.core.finding.Finding> found = FindingsAttribute.read(mail);
        String findings = FindingCodec.encode(found);
        boolean worthALongerLook = found.stream()
            .anyMatch(f -> f.severity().atLeast(io.sendguard.core.finding.Severity.LOW));
        HeldMail.Builder held = HeldMail.builder()
            .sender(sender)
            .recipients(recipients)
            .subject(subject(message))
            .messageId(message.getMessageID() == null ? "" : message.getMessageID())
            .createdAt(now)
            .mode(mode)
            .state(HoldState.HELD)
            .releaseProcessor(releaseProcessor)
            .attribute(HoldService.ON_TIMEOUT, onTimeout);
        if (!findings.isEmpty()) {
            held.attribute(HoldAttributes.FINDINGS, truncate(findings));
        }
        String attachments = attachments(message);
        if (!attachments.isEmpty()) {
            held.attribute(HoldAttributes.ATTACHMENTS, truncate(attachments));
        }
        if (mode == HoldMode.APPROVAL) {
            // James's postmaster is known once its mailet context is configured, which may follow init()
            MailAddress postmaster = getMailetContext().getPostmaster();
            List<String> approversOfSender = approvers.approversOf(sender,
                postmaster == null ? java.util.Optional.empty() : java.util.Optional.of(postmaster.asString()),
                approvalsRequired);
            if (approversOfSender.isEmpty()) {
                LOGGER.error("Mail {} waits for approval but has no approver other than its sender: an admin must decide"
                    + " (WebAdmin /sendguard/holds); set {} to more than one address", mail.getName(), PARAM_FALLBACK_APPROVERS);
            } else if (approversOfSender.size() < approvalsRequired) {
                LOGGER.error("Mail {} needs {} approvals but has {} approvers other than its sender: an admin must decide"
                    + " (WebAdmin /sendguard/holds); add addresses to {}", mail.getName(), approvalsRequired,
                    approversOfSender.size(), PARAM_FALLBACK_APPROVERS);
            }
            held.approvers(approversOfSender).dueAt(now.plus(approvalTimeout))
                .attribute(HeldMail.APPROVALS_REQUIRED, Integer.toString(approvalsRequired));
        } else {
            held.dueAt(now.plus(delayFor(worthALongerLook, mail.getRecipients())));
        }
        try {
            // streamed from James's copy into the store's file: a large mail is not copied into the heap again
            service.hold(held.build(), out -> writeTo(message, out));
        } catch (HoldStoreException e) {
            throw new MessagingException("Cannot hold mail " + mail.getName(), e);
        }
        mail.setState(Mail.GHOST);
    }

    private static void writeTo(MimeMessage message, OutputStream out) throws IOException {
        try {
            message.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("Cannot read the mail to hold it", e);
        }
    }

    /** The long delay for findings of severity low or more (not info notes such as a Bcc conversion) or many domains. */
    private Duration delayFor(boolean worthALongerLook, Collection<MailAddress> recipients) {
        long domains = recipients.stream().map(r -> r.getDomain().asString()).distinct().count();
        boolean manyDomains = longDelayDomains > 0 && domains >= longDelayDomains;
        return worthALongerLook || manyDomains ? longDelay : delay;
    }

    private static String truncate(String value) {
        return value.length() <= HeldMail.MAX_ATTRIBUTE_CHARS ? value : value.substring(0, HeldMail.MAX_ATTRIBUTE_CHARS - 1);
    }

    private static String subject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String attachments(MimeMessage message) {
        try {
            List<HoldAttributes.Attachment> list = new ArrayList<>();
            for (Part part : MimeAttachments.of(message).parts()) {
                String name = AttachmentNames.of(part);
                list.add(new HoldAttributes.Attachment(name == null ? "(" + part.getContentType().split(";")[0] + ")" : name,
                    decodedSize(part)));
            }
            return HoldAttributes.encodeAttachments(list);
        } catch (MessagingException | IOException | RuntimeException e) {
            return "";
        }
    }

    private static long decodedSize(Part part) {
        try (InputStream in = part.getInputStream()) {
            long size = 0;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
            }
            return size;
        } catch (IOException | MessagingException e) {
            return -1;
        }
    }

    /**
     * Who approves whose mail: {@code sender-or-*@domain-or-*=approver approver; ...} plus stand-ins, and the
     * fallback approvers for a sender whom no rule and no stand-in leaves an approver (a sender outside the rules,
     * an approver's own mail).
     */
    static final class ApproverRules {
        private final List<String[]> rules;
        private final List<String> standIns;
        /** Addresses, and {@value #POSTMASTER} for James's postmaster. */
        private final List<String> fallback;

        private ApproverRules(List<String[]> rules, List<String> standIns, List<String> fallback) {
            this.rules = rules;
            this.standIns = standIns;
            this.fallback = fallback;
        }

        static ApproverRules parse(String rulesText, String standInsText) {
            return parse(rulesText, standInsText, "");
        }

        static ApproverRules parse(String rulesText, String standInsText, String fallbackText) {
            List<String[]> rules = new ArrayList<>();
            for (String rule : rulesText.split(";")) {
                if (rule.isBlank()) {
                    continue;
                }
                int eq = rule.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("rule '" + rule.trim() + "' is not pattern=approver[ approver...]");
                }
                String pattern = rule.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                List<String> who = addresses(rule.substring(eq + 1));
                if (who.isEmpty()) {
                    throw new IllegalArgumentException("rule '" + rule.trim() + "' names no approver");
                }
                List<String> entry = new ArrayList<>();
                entry.add(pattern);
                entry.addAll(who);
                rules.add(entry.toArray(new String[0]));
            }
            List<String> fallback = new ArrayList<>();
            for (String a : fallbackText.trim().split("[\\s,]+")) {
                if (a.equalsIgnoreCase(POSTMASTER)) {
                    fallback.add(POSTMASTER);
                } else {
                    fallback.addAll(addresses(a));
                }
            }
            return new ApproverRules(rules, addresses(standInsText), fallback);
        }

        private static List<String> addresses(String text) {
            List<String> result = new ArrayList<>();
            for (String a : text.trim().split("[\\s,]+")) {
                if (a.isEmpty()) {
                    continue;
                }
                if (!a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalArgumentException("'" + a + "' is not an address");
                }
                result.add(a.toLowerCase(Locale.ROOT));
            }
            return result;
        }

        boolean isEmpty() {
            return rules.isEmpty() && standIns.isEmpty();
        }

        /**
         * The first matching rule (exact address, then *@domain, then *), plus the stand-ins, never the sender; when
         * that leaves nobody, the fallback approvers other than the sender. Empty only when the sender is the only
         * fallback approver too (an admin decides in WebAdmin).
         *
         * @param postmaster James's postmaster, for {@value #POSTMASTER} among the fallback approvers
         */
        List<String> approversOf(String sender, java.util.Optional<String> postmaster) {
            return approversOf(sender, postmaster, 1);
        }

        /** The rule that with the stand-ins names fewer than {@code required} distinct approvers, if any. */
        java.util.Optional<String> ruleWithFewerThan(int required) {
            if (rules.isEmpty() && new LinkedHashSet<>(standIns).size() < required) {
                return java.util.Optional.of(PARAM_STAND_IN_APPROVERS + "=" + String.join(" ", standIns));
            }
            for (String[] rule : rules) {
                Set<String> who = new LinkedHashSet<>(Arrays.asList(rule).subList(1, rule.length));
                who.addAll(standIns);
                if (who.size() < required) {
                    return java.util.Optional.of(rule[0] + "=" + String.join(" ", Arrays.asList(rule).subList(1, rule.length)));
                }
            }
            return java.util.Optional.empty();
        }

        /**
         * As {@link #approversOf(String, java.util.Optional)}, the fallback approvers added whenever the rule and the
         * stand-ins leave fewer than {@code required} (the sender taken out).
         */
        List<String> approversOf(String sender, java.util.Optional<String> postmaster, int required) {
            String s = sender.toLowerCase(Locale.ROOT);
            String domainPattern = "*@" + s.substring(s.indexOf('@') + 1);
            Set<String> result = new LinkedHashSet<>();
            for (String wanted : Arrays.asList(s, domainPattern, "*")) {
                for (String[] rule : rules) {
                    if (rule[0].equals(wanted) && result.isEmpty()) {
                        result.addAll(Arrays.asList(rule).subList(1, rule.length));
                    }
                }
            }
            result.addAll(standIns);
            result.remove(s); // nobody approves their own mail
            if (result.size() < required) {
                for (String a : fallback) {
                    if (a.equals(POSTMASTER)) {
                        postmaster.map(p -> p.toLowerCase(Locale.ROOT)).ifPresent(result::add);
                    } else {
                        result.add(a);
                    }
                }
                result.remove(s);
            }
            return new ArrayList<>(result);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard send hold";
    }

    static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (java.io.UnsupportedEncodingException e) {
            return text;
        }
    }
}
