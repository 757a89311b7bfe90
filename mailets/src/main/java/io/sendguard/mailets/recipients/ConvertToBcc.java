package io.sendguard.mailets.recipients;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.mailets.FailedChecks;
import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.mailets.hold.ReleasedCopy;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Automatic Bcc conversion (自動BCC化) and one-mail-per-recipient split (同報分割): when a mail
 * shows many external recipients to each other, hides them.
 *
 * <p>Mode {@code bcc}: external addresses leave To, Cc, Resent-To and Resent-Cc (a header left
 * empty is removed); internal addresses stay when {@code keepInternalVisible}; Bcc and Resent-Bcc
 * are removed; when no address remains in To, it becomes {@code undisclosed-recipients:;} (or the
 * sender's From address with {@code placeholder=sender}). The envelope is not changed: everyone
 * still receives the mail, as a blind copy.
 *
 * <p>Mode {@code split}: every external envelope recipient gets a copy of its own, with only them in
 * To (Cc, Bcc and Resent recipient headers removed) and a new Message-ID, sent to
 * {@code splitProcessor}; the original mail keeps only the internal recipients (external
 * addresses hidden as in {@code bcc} mode) or ends when there are none. A mail for a single external
 * recipient (such as a copy that comes back) is addressed to it alone in place and continues here:
 * splitting is idempotent and cannot loop. The copies continue in
 * {@code splitProcessor}, not in the rest of this processor: place the mailet where what follows
 * does not matter for them (for example after the hold, in the release processor).
 *
 * <p>When it applies: always ({@code policy=always}), or when To and Cc show at least
 * {@code minExternalRecipients} distinct external addresses or {@code minExternalDomains}
 * distinct external domains ({@code policy=threshold}; 0 turns a limit off), or when the sender
 * (envelope or From) is one of {@code senders}. Internal means a domain James is local for, or one
 * of {@code internalDomains} or their subdomains; domains compare in IDNA ASCII form, addresses
 * ignoring case.
 *
 * <p>An address header that does not parse strictly is never left visible: with
 * {@code onUnparseable=hide} it is removed whole and the mail is converted whatever the policy;
 * with the name of a processor, the mail is sent there unchanged.
 *
 * <p>A conversion records a finding (category {@code recipients}, severity info, location
 * {@code header:To/Cc}) that a later Hold notice shows.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.recipients.ConvertToBcc">
 *     <mode>bcc</mode>
 *     <policy>threshold</policy>
 *     <minExternalRecipients>10</minExternalRecipients>
 *     <minExternalDomains>0</minExternalDomains>
 *     <senders>news@example.com</senders>
 *     <keepInternalVisible>true</keepInternalVisible>
 *     <placeholder>undisclosed</placeholder>
 *     <internalDomains>example.co.jp</internalDomains>
 *     <onUnparseable>hide</onUnparseable>
 * </mailet>
 * <mailet match="SenderIs=news@example.com" class="io.sendguard.mailets.recipients.ConvertToBcc">
 *     <mode>split</mode>
 *     <policy>always</policy>
 *     <splitProcessor>relay</splitProcessor>
 * </mailet>
 * }</pre>
 */
public class ConvertToBcc extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConvertToBcc.class);

    public static final String PARAM_MODE = "mode";
    public static final String PARAM_POLICY = "policy";
    public static final String PARAM_MIN_EXTERNAL_RECIPIENTS = "minExternalRecipients";
    public static final String PARAM_MIN_EXTERNAL_DOMAINS = "minExternalDomains";
    public static final String PARAM_SENDERS = "senders";
    public static final String PARAM_KEEP_INTERNAL_VISIBLE = "keepInternalVisible";
    public static final String PARAM_PLACEHOLDER = "placeholder";
    public static final String PARAM_INTERNAL_DOMAINS = "internalDomains";
    public static final String PARAM_SPLIT_PROCESSOR = "splitProcessor";
    public static final String PARAM_ON_UNPARSEABLE = "onUnparseable";

    public static final int DEFAULT_MIN_EXTERNAL_RECIPIENTS = 10;
    public static final int DEFAULT_MIN_EXTERNAL_DOMAINS = 0;
    public static final String DEFAULT_SPLIT_PROCESSOR = "relay";
    public static final String HIDE = "hide";

    public static final String CATEGORY = "recipients";
    public static final String RULE_CONVERTED = "recipients.converted-to-bcc";
    public static final String RULE_SPLIT = "recipients.split";
    public static final String LOCATION = "header:To/Cc";

    private static final List<String> TO_CC = List.of(VisibleRecipients.TO, VisibleRecipients.CC);

    enum Mode { BCC, SPLIT }

    private Mode mode;
    private boolean always;
    private int minExternalRecipients;
    private int minExternalDomains;
    private Set<String> senders;
    private boolean keepInternalVisible;
    private boolean senderPlaceholder;
    private InternalDomains internalDomains;
    private String splitProcessor;
    private Optional<String> unparseableProcessor;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_MODE, PARAM_POLICY, PARAM_MIN_EXTERNAL_RECIPIENTS, PARAM_MIN_EXTERNAL_DOMAINS,
            PARAM_SENDERS, PARAM_KEEP_INTERNAL_VISIBLE, PARAM_PLACEHOLDER, PARAM_INTERNAL_DOMAINS,
            PARAM_SPLIT_PROCESSOR, PARAM_ON_UNPARSEABLE));
        mode = "split".equals(RecipientParameters.parseChoice(this, PARAM_MODE, "bcc", "bcc", "split")) ? Mode.SPLIT : Mode.BCC;
        always = "always".equals(RecipientParameters.parseChoice(this, PARAM_POLICY, "threshold", "always", "threshold"));
        minExternalRecipients = RecipientParameters.parseInt(this, PARAM_MIN_EXTERNAL_RECIPIENTS,
            DEFAULT_MIN_EXTERNAL_RECIPIENTS, 0, 1_000_000);
        minExternalDomains = RecipientParameters.parseInt(this, PARAM_MIN_EXTERNAL_DOMAINS,
            DEFAULT_MIN_EXTERNAL_DOMAINS, 0, 1_000_000);
        senders = parseSenders();
        keepInternalVisible = RecipientParameters.parseBoolean(this, PARAM_KEEP_INTERNAL_VISIBLE, true);
        senderPlaceholder = "sender".equals(RecipientParameters.parseChoice(this, PARAM_PLACEHOLDER, "undisclosed",
            "undisclosed", "sender"));
        internalDomains = new InternalDomains(parseInternalDomains(), this::isLocalServer);
        splitProcessor = RecipientParameters.parseProcessor(this, PARAM_SPLIT_PROCESSOR, DEFAULT_SPLIT_PROCESSOR);
        unparseableProcessor = parseOnUnparseable();
        if (!always && minExternalRecipients == 0 && minExternalDomains == 0 && senders.isEmpty()) {
            throw new MessagingException("Invalid configuration of mailet " + getMailetName() + ": " + PARAM_POLICY
                + "=threshold with " + PARAM_MIN_EXTERNAL_RECIPIENTS + "=0, " + PARAM_MIN_EXTERNAL_DOMAINS
                + "=0 and no " + PARAM_SENDERS + " never applies");
        }
    }

    private Set<String> parseSenders() throws MessagingException {
        Set<String> result = new LinkedHashSet<>();
        for (String entry : RecipientParameters.parseList(this, PARAM_SENDERS)) {
            try {
                new InternetAddress(entry, true);
                String normalized = InternalDomains.normalizeAddress(entry);
                if (InternalDomains.domainOf(normalized).isEmpty()) {
                    throw new AddressException("no domain");
                }
                result.add(normalized);
            } catch (AddressException e) {
                throw RecipientParameters.invalid(this, PARAM_SENDERS, entry, "expected a comma list of mail addresses");
            }
        }
        return Set.copyOf(result);
    }

    private List<String> parseInternalDomains() throws MessagingException {
        List<String> result = new ArrayList<>();
        for (String entry : RecipientParameters.parseList(this, PARAM_INTERNAL_DOMAINS)) {
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            result.add(InternalDomains.normalize(domain).filter(d -> !d.contains("@"))
                .orElseThrow(() -> RecipientParameters.invalid(this, PARAM_INTERNAL_DOMAINS, entry,
                    "expected a comma list of domain names")));
        }
        return result;
    }

    private Optional<String> parseOnUnparseable() throws MessagingException {
        String value = getInitParameter(PARAM_ON_UNPARSEABLE, HIDE).trim();
        if (value.isEmpty() || value.equalsIgnoreCase(HIDE)) {
            return Optional.empty();
        }
        if (!RecipientParameters.isProcessorName(value) || value.equalsIgnoreCase(Mail.GHOST)) {
            throw RecipientParameters.invalid(this, PARAM_ON_UNPARSEABLE, value, "expected hide or the name of a processor");
        }
        return Optional.of(value);
    }

    private boolean isLocalServer(String normalizedDomain) {
        return getMailetContext().isLocalServer(Domain.of(normalizedDomain));
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        List<ProcessingState> states = new ArrayList<>();
        if (mode == Mode.SPLIT) {
            states.add(new ProcessingState(splitProcessor));
        }
        unparseableProcessor.ifPresent(p -> states.add(new ProcessingState(p)));
        return states;
    }

    /**
     * Converts or splits; when anything fails inside ({@code Error}s included), every visible recipient is hidden
     * (To: undisclosed-recipients:;, as {@code onUnparseable=hide} would for what it cannot read) and the mail gets
     * {@code inspection.failed} (uninspectable, HIGH), which holds it for review where the pipeline still holds.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            Failsafe.run("ConvertToBcc on mail " + mail.getName(), () -> convert(mail), failure -> {
                RecipientFailures.hideAll(mail);
                FindingsAttribute.append(mail, FailedChecks.notChecked("the conversion to Bcc (every visible recipient"
                    + " was hidden instead)", LOCATION, failure));
                return null;
            });
        } catch (Exception e) {
            throw FailedChecks.unhandled(getMailetName(), mail, e);
        }
    }

    private void convert(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        VisibleRecipients visible = VisibleRecipients.read(message, internalDomains::isInternal);
        boolean unparseable = !visible.unparseableHeaders().isEmpty();
        if (unparseable && unparseableProcessor.isPresent()) {
            LOGGER.info("Mail {}: unparseable address header(s) {}, sent to {}", mail.getName(),
                visible.unparseableHeaders(), unparseableProcessor.get());
            mail.setState(unparseableProcessor.get());
            return;
        }
        if (!unparseable && !applies(mail, visible)) {
            return;
        }
        if (mode == Mode.SPLIT) {
            split(mail, visible);
        } else {
            hide(mail, visible, RULE_CONVERTED);
        }
    }

    private boolean applies(Mail mail, VisibleRecipients visible) {
        if (always || isListedSender(mail)) {
            return true;
        }
        return (minExternalRecipients > 0 && visible.externalAddresses(TO_CC).size() >= minExternalRecipients)
            || (minExternalDomains > 0 && visible.externalDomains(TO_CC).size() >= minExternalDomains);
    }

    private boolean isListedSender(Mail mail) {
        if (senders.isEmpty()) {
            return false;
        }
        Optional<MailAddress> envelope = mail.getMaybeSender().asOptional();
        if (envelope.isPresent() && senders.contains(InternalDomains.normalizeAddress(envelope.get().asString()))) {
            return true;
        }
        try {
            String from = mail.getMessage().getHeader("From", ",");
            if (from != null) {
                for (InternetAddress address : InternetAddress.parseHeader(from, false)) {
                    if (address.getAddress() != null && senders.contains(InternalDomains.normalizeAddress(address.getAddress()))) {
                        return true;
                    }
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // an unreadable From: is not a listed sender
        }
        return false;
    }

    private VisibleRecipients.Hidden hide(Mail mail, VisibleRecipients visible, String rule) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String placeholder = senderPlaceholder
            ? VisibleRecipients.fromMailbox(message).orElse(VisibleRecipients.UNDISCLOSED)
            : VisibleRecipients.UNDISCLOSED;
        VisibleRecipients.Hidden hidden = visible.hideExternal(message, keepInternalVisible, placeholder);
        if (RULE_CONVERTED.equals(rule) && !hidden.isEmpty()) {
            FindingsAttribute.append(mail, List.of(Finding.of(RULE_CONVERTED, CATEGORY, Severity.INFO, LOCATION,
                describe(hidden))));
            LOGGER.info("Mail {}: converted to Bcc, {}", mail.getName(), describe(hidden));
        }
        return hidden;
    }

    private static String describe(VisibleRecipients.Hidden hidden) {
        String text = hidden.addressCount() + " external recipient" + (hidden.addressCount() == 1 ? "" : "s")
            + " in " + hidden.domainCount() + " domain" + (hidden.domainCount() == 1 ? "" : "s") + " hidden";
        if (!hidden.unparseableHeaders().isEmpty()) {
            text += "; unparseable " + String.join(", ", hidden.unparseableHeaders()) + " removed";
        }
        return text;
    }

    private void split(Mail mail, VisibleRecipients visible) throws MessagingException {
        List<MailAddress> external = new ArrayList<>();
        List<MailAddress> internal = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String normalized = InternalDomains.normalizeAddress(recipient.asString());
            boolean isInternal = InternalDomains.domainOf(normalized).map(internalDomains::isInternal).orElse(false);
            (isInternal ? internal : external).add(recipient);
        }
        if (external.isEmpty()) {
            hide(mail, visible, RULE_CONVERTED);
            return;
        }
        if (internal.isEmpty() && external.size() == 1) {
            addressOnlyTo(mail, external.get(0), visible);
            return;
        }
        MailAddress sender = mail.getMaybeSender().asOptional().orElse(null);
        String idDomain = mail.getMaybeSender().asOptional().map(a -> a.getDomain().asString()).orElse("localhost");
        for (MailAddress recipient : external) {
            MimeMessage copy = copyFor(mail.getMessage(), recipient, visible, idDomain);
            MailImpl copyMail = MailImpl.builder().name(MailImpl.getId()).sender(Optional.ofNullable(sender))
                .addRecipient(recipient).mimeMessage(copy).build();
            // a released held mail is marked RELEASED when its copies reach the outgoing queue
            ReleasedCopy.copy(mail, copyMail);
            try {
                getMailetContext().sendMail(copyMail, splitProcessor);
            } finally {
                LifecycleUtil.dispose(copyMail);
            }
        }
        String description = external.size() + " cop" + (external.size() == 1 ? "y" : "ies")
            + ", one per external recipient";
        if (internal.isEmpty()) {
            LOGGER.info("Mail {}: split into {} to {}, original ended", mail.getName(), description, splitProcessor);
            mail.setState(Mail.GHOST);
            return;
        }
        mail.setRecipients(internal);
        VisibleRecipients.Hidden hidden = hide(mail, visible, RULE_SPLIT);
        FindingsAttribute.append(mail, List.of(Finding.of(RULE_SPLIT, CATEGORY, Severity.INFO, LOCATION,
            description + "; " + describe(hidden))));
        LOGGER.info("Mail {}: split into {} to {}, original kept for {} internal recipient(s)", mail.getName(),
            description, splitProcessor, internal.size());
    }

    /**
     * A mail for one external recipient (a split copy coming back, or a mail that has only one) is
     * rewritten in place instead of split again: split mode is idempotent and cannot loop.
     */
    private void addressOnlyTo(Mail mail, MailAddress recipient, VisibleRecipients visible) throws MessagingException {
        String normalized = InternalDomains.normalizeAddress(recipient.asString());
        Set<String> others = new LinkedHashSet<>(visible.externalAddresses(VisibleRecipients.VISIBLE_HEADERS));
        others.remove(normalized);
        MimeMessage message = mail.getMessage();
        String to = visible.find(normalized).map(VisibleRecipients.Mailbox::render).orElse(recipient.asString());
        for (String name : VisibleRecipients.VISIBLE_HEADERS) {
            message.removeHeader(name);
        }
        for (String name : VisibleRecipients.BLIND_HEADERS) {
            message.removeHeader(name);
        }
        message.setHeader(VisibleRecipients.TO, to);
        if (!others.isEmpty() || !visible.unparseableHeaders().isEmpty()) {
            Set<String> domains = new LinkedHashSet<>();
            others.forEach(a -> InternalDomains.domainOf(a).ifPresent(domains::add));
            String excerpt = others.size() + " external recipient" + (others.size() == 1 ? "" : "s") + " in "
                + domains.size() + " domain" + (domains.size() == 1 ? "" : "s") + " hidden";
            FindingsAttribute.append(mail, List.of(Finding.of(RULE_CONVERTED, CATEGORY, Severity.INFO, LOCATION, excerpt)));
            LOGGER.info("Mail {}: one external recipient, addressed to it alone, {}", mail.getName(), excerpt);
        }
    }

    private static MimeMessage copyFor(MimeMessage original, MailAddress recipient, VisibleRecipients visible,
                                       String idDomain) throws MessagingException {
        SplitCopy copy = new SplitCopy(original, "<" + UUID.randomUUID() + ".split@" + idDomain + ">");
        for (String name : VisibleRecipients.VISIBLE_HEADERS) {
            copy.removeHeader(name);
        }
        for (String name : VisibleRecipients.BLIND_HEADERS) {
            copy.removeHeader(name);
        }
        String to = visible.find(InternalDomains.normalizeAddress(recipient.asString()))
            .map(VisibleRecipients.Mailbox::render)
            .orElse(recipient.asString());
        copy.setHeader(VisibleRecipients.TO, to);
        copy.setHeader("Message-ID", copy.messageId);
        return copy;
    }

    /** A copy for one recipient, whose Message-ID later saves keep. */
    static final class SplitCopy extends MimeMessage {
        private final String messageId;

        SplitCopy(MimeMessage source, String messageId) throws MessagingException {
            super(source);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard automatic Bcc conversion and one-mail-per-recipient split";
    }
}
