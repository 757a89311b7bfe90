package io.sendguard.mailets.recipients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.mailets.FailedChecks;
import io.sendguard.core.cache.RecentResults;
import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.history.RecipientFacts;
import io.sendguard.core.history.SendingHistory;
import io.sendguard.core.recipients.Confusables;
import io.sendguard.core.recipients.DomainNames;
import io.sendguard.core.recipients.LookalikeDomains;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.mailets.DetectorFindings;
import io.sendguard.mailets.audit.SendguardMetrics;

/**
 * Recipient checks (宛先確認): looks at the envelope recipients of a mail and records findings that
 * a hold notice shows and a policy ({@code HasFinding}) holds, sends for approval or blocks on. The
 * mail is not changed. Each check can be switched off:
 *
 * <ul>
 *   <li>many external recipients: more than {@code maxExternalRecipients} external addresses or
 *       {@code maxExternalDomains} external domains (0 = off): {@code recipients.many-external};</li>
 *   <li>look-alike domains: an external recipient domain one or two edits away from, or written with
 *       look-alike characters as (confusables skeleton, punycode decoded), a known domain without
 *       being it ({@code exmaple.co.jp} for {@code example.co.jp}): {@code recipients.lookalike-domain},
 *       naming both. Known: {@code internalDomains}, {@code lookalikeDomains}, the sender's own
 *       domain when it is local, and (with {@code lookalikeHistory}) every domain the sender has
 *       sent to (one edit, or look-alike characters: the history keeps only keyed hashes, so nearby
 *       domains are looked up rather than listed);</li>
 *   <li>first-time recipients: an external domain ({@code recipients.first-time-domain}) or address
 *       ({@code recipients.first-time-address}) the sender has never sent to, from Sendguard's
 *       sending history, which {@code RecordSent} teaches only with mail that is actually sent;</li>
 *   <li>blocked domains: a recipient in one of {@code blockedDomains} (or a subdomain):
 *       {@code recipients.blocked-domain}, category {@value #BLOCKED_CATEGORY} so that a policy can
 *       send it to the quarantine apart from the other recipient findings.</li>
 * </ul>
 *
 * <p>Internal means a domain James is local for, or one of {@code internalDomains} and their
 * subdomains; internal recipients are never counted or checked. Findings name domains, never addresses.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.recipients.CheckRecipients">
 *     <internalDomains>example.co.jp</internalDomains>
 *     <maxExternalRecipients>20</maxExternalRecipients>
 *     <maxExternalDomains>5</maxExternalDomains>
 *     <manyExternalSeverity>medium</manyExternalSeverity>
 *     <lookalike>true</lookalike>
 *     <lookalikeDomains>partner.example</lookalikeDomains>
 *     <lookalikeHistory>true</lookalikeHistory>
 *     <maxEditDistance>2</maxEditDistance>
 *     <lookalikeSeverity>high</lookalikeSeverity>
 *     <firstTime>addresses</firstTime>
 *     <firstTimeSeverity>low</firstTimeSeverity>
 *     <blockedDomains>competitor.example</blockedDomains>
 *     <blockedDomainSeverity>high</blockedDomainSeverity>
 * </mailet>
 * }</pre>
 */
public class CheckRecipients extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CheckRecipients.class);

    public static final String PARAM_INTERNAL_DOMAINS = "internalDomains";
    public static final String PARAM_MAX_EXTERNAL_RECIPIENTS = "maxExternalRecipients";
    public static final String PARAM_MAX_EXTERNAL_DOMAINS = "maxExternalDomains";
    public static final String PARAM_MANY_EXTERNAL_SEVERITY = "manyExternalSeverity";
    public static final String PARAM_LOOKALIKE = "lookalike";
    public static final String PARAM_LOOKALIKE_DOMAINS = "lookalikeDomains";
    public static final String PARAM_LOOKALIKE_HISTORY = "lookalikeHistory";
    public static final String PARAM_MAX_EDIT_DISTANCE = "maxEditDistance";
    public static final String PARAM_LOOKALIKE_SEVERITY = "lookalikeSeverity";
    public static final String PARAM_FIRST_TIME = "firstTime";
    public static final String PARAM_FIRST_TIME_SEVERITY = "firstTimeSeverity";
    public static final String PARAM_BLOCKED_DOMAINS = "blockedDomains";
    public static final String PARAM_BLOCKED_DOMAIN_SEVERITY = "blockedDomainSeverity";

    public static final String CATEGORY = "recipients";
    public static final String BLOCKED_CATEGORY = "blocked-recipient";
    public static final String RULE_MANY_EXTERNAL = "recipients.many-external";
    public static final String RULE_LOOKALIKE = "recipients.lookalike-domain";
    public static final String RULE_FIRST_TIME_DOMAIN = "recipients.first-time-domain";
    public static final String RULE_FIRST_TIME_ADDRESS = "recipients.first-time-address";
    public static final String RULE_BLOCKED_DOMAIN = "recipients.blocked-domain";
    public static final String ENVELOPE = "envelope";

    enum FirstTime { OFF, DOMAINS, ADDRESSES }

    private final RecipientLists lists;
    private InternalDomains internalDomains;
    private List<String> configuredInternalDomains;
    private int maxExternalRecipients;
    private int maxExternalDomains;
    private Severity manyExternalSeverity;
    private boolean lookalike;
    private List<String> lookalikeDomains;
    private boolean lookalikeHistory;
    private LookalikeDomains lookalikes;
    private volatile InspectionStats stats;
    private volatile SendguardMetrics metrics = SendguardMetrics.none();
    private Severity lookalikeSeverity;
    private FirstTime firstTime;
    private Severity firstTimeSeverity;
    private List<String> blockedDomains;
    private Severity blockedDomainSeverity;
    private SendingHistory history;
    private static final int NEIGHBOUR_CACHE_DOMAINS = 1024;
    private final RecentResults<String, List<String>> neighbourFacts = new RecentResults<>(NEIGHBOUR_CACHE_DOMAINS);
    private final RecentResults<String, Optional<String>> knownLookalikes = new RecentResults<>(NEIGHBOUR_CACHE_DOMAINS);

    @Inject
    public CheckRecipients(RecipientLists lists) {
        this.lists = lists;
    }

    /** Optional: with Sendguard's Guice module, findings are counted in the WebAdmin status and James's metrics. */
    @com.google.inject.Inject(optional = true)
    public void setCounters(InspectionStats stats, SendguardMetrics metrics) {
        this.stats = stats;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_INTERNAL_DOMAINS, PARAM_MAX_EXTERNAL_RECIPIENTS, PARAM_MAX_EXTERNAL_DOMAINS,
            PARAM_MANY_EXTERNAL_SEVERITY, PARAM_LOOKALIKE, PARAM_LOOKALIKE_DOMAINS, PARAM_LOOKALIKE_HISTORY, PARAM_MAX_EDIT_DISTANCE,
            PARAM_LOOKALIKE_SEVERITY, PARAM_FIRST_TIME, PARAM_FIRST_TIME_SEVERITY, PARAM_BLOCKED_DOMAINS,
            PARAM_BLOCKED_DOMAIN_SEVERITY));
        configuredInternalDomains = domains(PARAM_INTERNAL_DOMAINS);
        internalDomains = new InternalDomains(configuredInternalDomains, d -> getMailetContext().isLocalServer(Domain.of(d)));
        maxExternalRecipients = RecipientParameters.parseInt(this, PARAM_MAX_EXTERNAL_RECIPIENTS, 0, 0, 1_000_000);
        maxExternalDomains = RecipientParameters.parseInt(this, PARAM_MAX_EXTERNAL_DOMAINS, 0, 0, 1_000_000);
        manyExternalSeverity = severity(PARAM_MANY_EXTERNAL_SEVERITY, Severity.MEDIUM);
        lookalike = RecipientParameters.parseBoolean(this, PARAM_LOOKALIKE, true);
        lookalikeDomains = domains(PARAM_LOOKALIKE_DOMAINS);
        lookalikeHistory = lookalike && RecipientParameters.parseBoolean(this, PARAM_LOOKALIKE_HISTORY, true);
        lookalikes = new LookalikeDomains(RecipientParameters.parseInt(this, PARAM_MAX_EDIT_DISTANCE, 2, 0, 2));
        lookalikeSeverity = severity(PARAM_LOOKALIKE_SEVERITY, Severity.HIGH);
        String firstTimeValue = RecipientParameters.parseChoice(this, PARAM_FIRST_TIME, "addresses", "off", "domains", "addresses");
        firstTime = FirstTime.valueOf(firstTimeValue.toUpperCase(java.util.Locale.ROOT));
        firstTimeSeverity = severity(PARAM_FIRST_TIME_SEVERITY, Severity.LOW);
        blockedDomains = domains(PARAM_BLOCKED_DOMAINS);
        blockedDomainSeverity = severity(PARAM_BLOCKED_DOMAIN_SEVERITY, Severity.HIGH);
        if (firstTime != FirstTime.OFF || lookalikeHistory) {
            try {
                history = lists.history();
            } catch (IllegalStateException e) {
                throw new MessagingException("Mailet " + getMailetName() + " with " + PARAM_FIRST_TIME + "=" + firstTimeValue
                    + (lookalikeHistory ? " and " + PARAM_LOOKALIKE_HISTORY + "=true" : "") + " needs the sending history: "
                    + e.getMessage() + " (or set " + PARAM_FIRST_TIME + "=off and " + PARAM_LOOKALIKE_HISTORY + "=false)");
            }
        }
    }

    private List<String> domains(String name) throws MessagingException {
        List<String> result = new ArrayList<>();
        for (String entry : RecipientParameters.parseList(this, name)) {
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            result.add(DomainNames.normalizeDomain(domain)
                .orElseThrow(() -> RecipientParameters.invalid(this, name, entry, "expected a comma list of domain names")));
        }
        return List.copyOf(result);
    }

    private Severity severity(String name, Severity defaultValue) throws MessagingException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw RecipientParameters.invalid(this, name, value, "expected info, low, medium, high or critical");
        }
    }

    /**
     * Runs the checks; when anything fails inside ({@code Error}s included), the mail gets {@code inspection.failed}
     * (uninspectable, HIGH) and is held for review instead of going on unchecked.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            Failsafe.run("CheckRecipients on mail " + mail.getName(), () -> check(mail), failure -> {
                DetectorFindings.add(mail, FailedChecks.notChecked("the recipient checks", ENVELOPE, failure), stats, metrics);
                return null;
            });
        } catch (Exception e) {
            throw FailedChecks.unhandled(getMailetName(), mail, e);
        }
    }

    private void check(Mail mail) throws MessagingException {
        Optional<String> sender = mail.getMaybeSender().asOptional().map(a -> InternalDomains.normalizeAddress(a.asString()))
            .filter(a -> InternalDomains.domainOf(a).isPresent());
        Map<String, Set<String>> externalByDomain = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String address = InternalDomains.normalizeAddress(recipient.asString());
            Optional<String> domain = InternalDomains.domainOf(address);
            if (domain.isPresent() && !internalDomains.isInternal(domain.get())) {
                externalByDomain.computeIfAbsent(domain.get(), d -> new LinkedHashSet<>()).add(address);
            }
        }
        if (externalByDomain.isEmpty()) {
            return;
        }
        List<Finding> findings = new ArrayList<>();
        manyExternal(externalByDomain).ifPresent(findings::add);
        for (String domain : externalByDomain.keySet()) {
            blocked(domain).ifPresent(findings::add);
        }
        if (lookalike) {
            List<String> known = knownDomains(mail, sender);
            for (String domain : externalByDomain.keySet()) {
                lookalike(domain, known, sender).ifPresent(findings::add);
            }
        }
        if (firstTime != FirstTime.OFF && sender.isPresent()) {
            findings.addAll(firstTime(sender.get(), externalByDomain));
        }
        if (!findings.isEmpty()) {
            DetectorFindings.add(mail, findings, stats, metrics);
            LOGGER.info("Mail {}: recipient checks found {}", mail.getName(),
                findings.stream().map(Finding::ruleId).collect(Collectors.joining(", ")));
        }
    }

    private Optional<Finding> manyExternal(Map<String, Set<String>> externalByDomain) {
        int addresses = externalByDomain.values().stream().mapToInt(Set::size).sum();
        int domains = externalByDomain.size();
        boolean tooManyAddresses = maxExternalRecipients > 0 && addresses > maxExternalRecipients;
        boolean tooManyDomains = maxExternalDomains > 0 && domains > maxExternalDomains;
        if (!tooManyAddresses && !tooManyDomains) {
            return Optional.empty();
        }
        String limit = tooManyAddresses ? "more than " + maxExternalRecipients + " external recipients"
            : "more than " + maxExternalDomains + " external domains";
        return Optional.of(Finding.of(RULE_MANY_EXTERNAL, CATEGORY, manyExternalSeverity, ENVELOPE,
            addresses + " external recipient" + (addresses == 1 ? "" : "s") + " in " + domains + " domain"
                + (domains == 1 ? "" : "s") + " (" + limit + ")"));
    }

    private Optional<Finding> blocked(String domain) {
        for (String blockedDomain : blockedDomains) {
            if (DomainNames.isSameOrSubdomain(domain, blockedDomain)) {
                return Optional.of(Finding.of(RULE_BLOCKED_DOMAIN, BLOCKED_CATEGORY, blockedDomainSeverity,
                    location(domain), DomainNames.toUnicode(domain) + " is a blocked domain"));
            }
        }
        return Optional.empty();
    }

    /** Internal and protected domains, and the sender's own domain (envelope and From:) when it is local. */
    private List<String> knownDomains(Mail mail, Optional<String> sender) {
        Set<String> known = new LinkedHashSet<>(lookalikeDomains);
        for (String domain : internalDomainsOfSender(mail, sender)) {
            known.add(domain);
        }
        return new ArrayList<>(known);
    }

    private Set<String> internalDomainsOfSender(Mail mail, Optional<String> sender) {
        Set<String> domains = new LinkedHashSet<>();
        sender.flatMap(InternalDomains::domainOf).filter(internalDomains::isInternal).ifPresent(domains::add);
        try {
            String from = mail.getMessage().getHeader("From", ",");
            if (from != null) {
                for (InternetAddress address : InternetAddress.parseHeader(from, false)) {
                    if (address.getAddress() != null) {
                        InternalDomains.domainOf(InternalDomains.normalizeAddress(address.getAddress()))
                            .filter(internalDomains::isInternal).ifPresent(domains::add);
                    }
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // an unreadable From: adds nothing
        }
        domains.addAll(configuredInternalDomains);
        return domains;
    }

    /**
     * What {@code lookalikes.find} answers for a domain among known domains: the same for every mail with the
     * same recipient domain and known list (fixed configuration plus the sender's internal domains), so kept
     * for the pairs seen lately.
     */
    private Optional<String> knownLookalike(String domain, List<String> known) {
        String key = domain + '\u0000' + String.join(",", known);
        return knownLookalikes.get(key, k -> lookalikes.find(domain, known).map(LookalikeDomains.Match::describe));
    }

    private Optional<Finding> lookalike(String domain, List<String> known, Optional<String> sender) {
        Optional<String> description = knownLookalike(domain, known);
        if (description.isEmpty() && lookalikeHistory && sender.isPresent() && !known.contains(domain)) {
            description = fromHistory(domain, sender.get());
        }
        return description.map(d -> Finding.of(RULE_LOOKALIKE, CATEGORY, lookalikeSeverity, location(domain), d));
    }

    /**
     * A domain the sender has written to that this one imitates: one edit away (looked up among the
     * neighbours, as the history keeps only hashes), or the same skeleton (named when the skeleton
     * itself is the known domain).
     */
    /** The history facts of a domain's neighbours: the same for every sender, so kept for the domains seen lately. */
    private List<String> neighbourFacts(String domain) {
        return neighbourFacts.get(domain,
            d -> List.copyOf(lookalikes.neighbours(d).stream().map(RecipientFacts::domain).collect(Collectors.toList())));
    }

    private Optional<String> fromHistory(String domain, String sender) {
        if (history.contains(sender, RecipientFacts.domain(domain))) {
            return Optional.empty();
        }
        List<String> candidates = neighbourFacts(domain);
        Optional<String> near = history.firstKnown(sender, candidates);
        if (near.isPresent()) {
            return lookalikes.find(domain, List.of(near.get().substring(2))).map(LookalikeDomains.Match::describe);
        }
        if (history.contains(sender, RecipientFacts.skeleton(domain))) {
            Optional<String> named = DomainNames.normalizeDomain(Confusables.skeleton(domain))
                .filter(d -> history.contains(sender, RecipientFacts.domain(d)));
            if (named.isPresent()) {
                return lookalikes.find(domain, List.of(named.get())).map(LookalikeDomains.Match::describe);
            }
            return Optional.of(DomainNames.toUnicode(domain)
                + " looks like a domain this sender has written to (look-alike characters)");
        }
        return Optional.empty();
    }

    private List<Finding> firstTime(String sender, Map<String, Set<String>> externalByDomain) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : externalByDomain.entrySet()) {
            String domain = entry.getKey();
            if (!history.contains(sender, RecipientFacts.domain(domain))) {
                findings.add(Finding.of(RULE_FIRST_TIME_DOMAIN, CATEGORY, firstTimeSeverity, location(domain),
                    "first mail from this sender to " + DomainNames.toUnicode(domain)));
            } else if (firstTime == FirstTime.ADDRESSES) {
                long fresh = entry.getValue().stream().filter(a -> !history.contains(sender, RecipientFacts.address(a))).count();
                if (fresh > 0) {
                    findings.add(Finding.of(RULE_FIRST_TIME_ADDRESS, CATEGORY, firstTimeSeverity, location(domain),
                        fresh + " address" + (fresh == 1 ? "" : "es") + " at " + DomainNames.toUnicode(domain)
                            + " this sender has never written to"));
                }
            }
        }
        return findings;
    }

    private static String location(String domain) {
        return "domain:" + DomainNames.toUnicode(domain);
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard recipient checks: many external recipients, look-alike, first-time and blocked domains";
    }
}
