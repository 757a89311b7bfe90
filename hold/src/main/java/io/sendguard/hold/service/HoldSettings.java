package io.sendguard.hold.service;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.sendguard.core.notice.NoticeLanguage;
import io.sendguard.core.notice.NoticeTime;
import io.sendguard.core.secrets.Secrets;

/**
 * Sendguard's server-wide hold settings ({@code conf/sendguard.properties}), validated once: a bad or
 * unknown key fails startup naming it.
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>hold.directory</td><td>var/sendguard/hold</td><td>the durable hold store, relative to James's working directory</td></tr>
 * <tr><td>links.secret</td><td>(generated)</td><td>HMAC secret of the action links, at least 32 bytes (or base64:...);
 *     unset: generated at first start into var/sendguard/secrets/links.secret ({@link Secrets})</td></tr>
 * <tr><td>links.baseUrl</td><td>http://127.0.0.1:8000</td><td>where senders reach the action pages (WebAdmin's public routes)</td></tr>
 * <tr><td>links.ttl</td><td>7d</td><td>how long a link stays valid</td></tr>
 * <tr><td>release.interval</td><td>1s</td><td>how often due mail is looked for</td></tr>
 * <tr><td>notice.language</td><td>ja</td><td>language of notices and pages: ja, en or both (notices: Japanese first, then
 *     English; pages: Japanese)</td></tr>
 * <tr><td>notice.timeZone</td><td>(the system zone)</td><td>zone of the times in notices, any Java zone id such as Asia/Tokyo</td></tr>
 * <tr><td>notice.from</td><td>(postmaster)</td><td>sender address of the notices</td></tr>
 * <tr><td>hold.retention</td><td>30d</td><td>how long sent, cancelled, rejected and expired mails stay in the store (0 = forever)</td></tr>
 * <tr><td>notice.text.<i>name</i></td><td>(built-in words)</td><td>replaces one text of the notices in the configured
 *     language, e.g. {@code notice.text.footer}; names: {@link #NOTICE_TEXT_NAMES} (an unknown name fails startup)</td></tr>
 * <tr><td>page.text.<i>name</i></td><td>(built-in words; no footer)</td><td>replaces one text of the action pages
 *     (the pages behind the links in notices) in the configured language, e.g. {@code page.text.footer} (shown at
 *     the bottom of every page); names: {@link #PAGE_TEXT_NAMES} (an unknown name fails startup)</td></tr>
 * </table>
 * The approval keys ({@code approval.required}, {@code approval.checklist}, {@code approval.remindBefore}): see
 * {@link ApprovalSettings}.
 */
public final class HoldSettings {
    public static final String HOLD_DIRECTORY = "hold.directory";
    public static final String LINKS_SECRET = "links.secret";
    public static final String LINKS_BASE_URL = "links.baseUrl";
    public static final String LINKS_TTL = "links.ttl";
    public static final String RELEASE_INTERVAL = "release.interval";
    public static final String NOTICE_LANGUAGE = "notice.language";
    public static final String NOTICE_FROM = "notice.from";
    public static final String HOLD_RETENTION = "hold.retention";
    public static final String NOTICE_TIME_ZONE = "notice.timeZone";
    public static final Set<String> KEYS = Set.of(HOLD_DIRECTORY, LINKS_SECRET, LINKS_BASE_URL, LINKS_TTL,
        RELEASE_INTERVAL, NOTICE_LANGUAGE, NOTICE_FROM, HOLD_RETENTION, NOTICE_TIME_ZONE);
    /** Prefix of the keys that replace one text of the notices ({@code notice.text.footer=...}). */
    public static final String NOTICE_TEXT_PREFIX = "notice.text.";
    /** Keys of the web listener (checked by the web module's settings, not here). */
    public static final String WEB_PREFIX = "web.";
    /**
     * The texts of the hold notices that {@code notice.text.<name>} can replace, in the order the notices
     * module lists its built-in words. Subjects are prefixes put before the held mail's subject; {@code \n}
     * in a value is a line break.
     */
    public static final List<String> NOTICE_TEXT_NAMES = List.of(
        "heldSubject", "heldIntro", "approvalSubject", "approvalIntro", "waitingApproval", "subject", "from",
        "recipients", "external", "internal", "cancelThisRecipient", "attachments", "noAttachments", "findings",
        "noFindings", "releaseAt", "deadline", "cancelLink", "sendNowLink", "approveLink", "rejectLink", "linksNote",
        "cancelledSubject", "cancelledBody", "recipientRemovedSubject", "recipientRemovedBody", "rejectedSubject",
        "rejectedBody", "comment", "approvedSubject", "approvedBody", "expiredSubject", "expiredBody", "footer",
        "partialApprovalSubject", "partialApprovalBody", "approvalsNeeded", "reminderSubject", "reminderIntro",
        "myMailLink");

    /** Prefix of the keys that replace one text of the action pages ({@code page.text.footer=...}). */
    public static final String PAGE_TEXT_PREFIX = "page.text.";
    /**
     * The texts of the action pages (behind the links in notices) that {@code page.text.<name>} can replace: the
     * buttons, labels, the pages for unusable links, the closing hint, and {@code footer}, which is empty unless
     * set and then shown at the bottom of every page (e.g. whom to ask). {@code \n} in a value is a line break.
     */
    public static final List<String> PAGE_TEXT_NAMES = List.of(
        "buttonCancel", "buttonSendNow", "buttonCancelRecipient", "buttonApprove", "buttonReject", "commentLabel",
        "commentHint", "subjectLabel", "senderLabel", "recipientsLabel", "removedRecipientsLabel", "dueLabel",
        "approvalDeadlineLabel", "stateLabel", "noSubject", "noSender", "dueAfterApproval", "invalidLinkHeading", "invalidLinkText",
        "expiredHeading", "expiredText", "usedHeading", "usedText", "notFoundHeading", "notFoundText",
        "notPossibleHeading", "closeHint", "footer",
        // the words of the web listener's other pages (sign-in, my mail, one mail, the approver's inbox)
        "signInHeading", "signInIntro", "userLabel", "passwordLabel", "signInButton", "signInFailed",
        "signInLinkHeading", "signInLinkText", "signInLinkButton", "signInLinkInvalid", "signedOut", "signOut",
        "myMailHeading", "approvalsHeading", "tooManyHeading", "tooManyText", "noMail", "noApprovals", "colSubject",
        "colRecipients", "colState", "colDue", "colSender", "pageOf", "prevPage", "nextPage",
        "external", "internal", "firstTime", "lookalike", "attachmentsLabel", "noAttachments", "findingsLabel",
        "noFindings", "removeHeading", "removeHint", "removeButton", "cancelButton", "sendNowButton",
        "approvalsProgress", "checklistLabel", "checklistMissing", "alreadyApproved", "csrfHeading",
        "csrfText", "mailNotFound", "notOnMail", "noRecipientChosen", "doneCancel", "doneSendNow", "doneRemoved",
        "doneApproved", "doneApprovedPartly", "doneRejected", "actionsHeading", "approverActionsHeading",
        "rejectButton", "approveButton", "lastDecisionLabel", "backToList");

    private final String holdDirectory;
    private final byte[] linkSecret;
    private final String baseUrl;
    private final Duration linkTtl;
    private final Duration releaseInterval;
    private final String language;
    private final String noticeFrom;
    private final Duration retention;
    private final Map<String, String> noticeTexts;
    private final Map<String, String> pageTexts;
    private final ApprovalSettings approval;
    private final ZoneId timeZone;

    private HoldSettings(String holdDirectory, byte[] linkSecret, String baseUrl, Duration linkTtl,
                         Duration releaseInterval, String language, String noticeFrom, Duration retention,
                         Map<String, String> noticeTexts, Map<String, String> pageTexts,
                         ApprovalSettings approval, ZoneId timeZone) {
        this.holdDirectory = holdDirectory;
        this.linkSecret = linkSecret;
        this.baseUrl = baseUrl;
        this.linkTtl = linkTtl;
        this.releaseInterval = releaseInterval;
        this.language = language;
        this.noticeFrom = noticeFrom;
        this.retention = retention;
        this.noticeTexts = noticeTexts;
        this.pageTexts = pageTexts;
        this.approval = approval;
        this.timeZone = timeZone;
    }

    /**
     * The settings with {@code links.secret} as configured (required).
     *
     * @throws IllegalArgumentException naming the key and the file when a value is missing or invalid
     */
    public static HoldSettings from(Properties properties, String source) {
        return from(properties, source, Secrets.configuredOnly());
    }

    /**
     * @param secrets where {@code links.secret} comes from when the file does not set it
     * @throws IllegalArgumentException naming the key and the file when a value is missing or invalid
     */
    public static HoldSettings from(Properties properties, String source, Secrets secrets) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        unknown.removeAll(ApprovalSettings.KEYS);
        // the web listener's keys are checked by its own settings (io.sendguard.web.WebSettings)
        unknown.removeIf(key -> key.startsWith(WEB_PREFIX));
        Map<String, String> noticeTexts = texts(properties, NOTICE_TEXT_PREFIX, NOTICE_TEXT_NAMES, unknown);
        Map<String, String> pageTexts = texts(properties, PAGE_TEXT_PREFIX, PAGE_TEXT_NAMES, unknown);
        if (!unknown.isEmpty()) {
            if (unknown.stream().anyMatch(k -> k.startsWith(NOTICE_TEXT_PREFIX))) {
                throw new IllegalArgumentException(source + ": unknown notice text(s) " + unknown
                    + "; the texts are " + NOTICE_TEXT_PREFIX + "<name> with <name> one of " + NOTICE_TEXT_NAMES);
            }
            if (unknown.stream().anyMatch(k -> k.startsWith(PAGE_TEXT_PREFIX))) {
                throw new IllegalArgumentException(source + ": unknown page text(s) " + unknown
                    + "; the texts are " + PAGE_TEXT_PREFIX + "<name> with <name> one of " + PAGE_TEXT_NAMES);
            }
            throw new IllegalArgumentException(source + ": unknown key(s) " + unknown + "; known keys are " + known());
        }
        String dir = properties.getProperty(HOLD_DIRECTORY, "var/sendguard/hold").trim();
        byte[] secret = secrets.obtain(properties.getProperty(LINKS_SECRET), source, LINKS_SECRET);
        String baseUrl = properties.getProperty(LINKS_BASE_URL, "http://127.0.0.1:8000").trim();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        try {
            URI uri = URI.create(baseUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + LINKS_BASE_URL + " '" + baseUrl + "': " + e.getMessage());
        }
        Duration ttl = duration(properties, LINKS_TTL, "7d", source);
        Duration interval = duration(properties, RELEASE_INTERVAL, "1s", source);
        if (interval.isZero()) {
            throw new IllegalArgumentException(source + ": invalid " + RELEASE_INTERVAL + ": must be positive");
        }
        String language;
        try {
            language = NoticeLanguage.parse(properties.getProperty(NOTICE_LANGUAGE, "ja")).id();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + NOTICE_LANGUAGE + ": " + e.getMessage());
        }
        ZoneId zone;
        try {
            zone = NoticeTime.parseZone(properties.getProperty(NOTICE_TIME_ZONE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + NOTICE_TIME_ZONE + ": " + e.getMessage());
        }
        String from = properties.getProperty(NOTICE_FROM, "").trim();
        Duration retention = duration(properties, HOLD_RETENTION, "30d", source);
        return new HoldSettings(dir, secret, baseUrl, ttl, interval, language, from, retention,
            Collections.unmodifiableMap(noticeTexts), Collections.unmodifiableMap(pageTexts),
            ApprovalSettings.from(properties, source), zone);
    }

    private static Set<String> known() {
        Set<String> known = new TreeSet<>(KEYS);
        known.addAll(ApprovalSettings.KEYS);
        return known;
    }

    /** The {@code prefix<name>} keys with a known name, by name; their keys are taken out of {@code unknown}. */
    private static Map<String, String> texts(Properties properties, String prefix, List<String> names, Set<String> unknown) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && names.contains(key.substring(prefix.length()))) {
                unknown.remove(key);
                texts.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return texts;
    }

    private static Duration duration(Properties properties, String key, String defaultValue, String source) {
        try {
            return Durations.parse(properties.getProperty(key, defaultValue));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + key + ": " + e.getMessage());
        }
    }

    public String holdDirectory() {
        return holdDirectory;
    }

    public byte[] linkSecret() {
        return linkSecret.clone();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Duration linkTtl() {
        return linkTtl;
    }

    public Duration releaseInterval() {
        return releaseInterval;
    }

    /** {@code ja}, {@code en} or {@code both} (notices: Japanese first, then English). */
    public String language() {
        return language;
    }

    /** The zone of the times in notices ({@code notice.timeZone}; unset: the system zone). */
    public ZoneId timeZone() {
        return timeZone;
    }

    /** How long mails in a final state are kept (zero: forever). */
    public Duration retention() {
        return retention;
    }

    /** The notice texts the admin replaced ({@code notice.text.<name>}), by name; empty: the built-in words. */
    public Map<String, String> noticeTexts() {
        return noticeTexts;
    }

    /** The action page texts the admin replaced ({@code page.text.<name>}), by name; empty: the built-in words. */
    public Map<String, String> pageTexts() {
        return pageTexts;
    }

    /** {@code approval.required}: distinct approvals a mail waiting for approval needs (1..5, default 1). */
    public int approvalsRequired() {
        return approval.required();
    }

    /** {@code approval.checklist}: the items an approver must tick before approving; empty: no checklist. */
    public List<String> approvalChecklist() {
        return approval.checklist();
    }

    /** {@code approval.remindBefore}: how long before an approval deadline approvers are reminded; zero: never. */
    public Duration approvalRemindBefore() {
        return approval.remindBefore();
    }

    /** Empty: use the postmaster. */
    public String noticeFrom() {
        return noticeFrom;
    }

    @Override
    public String toString() {
        return "HoldSettings{dir=" + holdDirectory + ", baseUrl=" + baseUrl + ", ttl=" + linkTtl
            + ", interval=" + releaseInterval + ", language=" + language + ", timeZone=" + timeZone + ", noticeTexts=" + noticeTexts.keySet()
            + ", pageTexts=" + pageTexts.keySet() + ", approval: " + approval + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HoldSettings && Objects.equals(toString(), o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
