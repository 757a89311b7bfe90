package io.sendguard.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Part;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.content.ArchiveTypes;
import io.sendguard.core.content.AttachmentTypeDetector;
import io.sendguard.core.content.ContainerFacts;
import io.sendguard.core.content.DetectedType;
import io.sendguard.core.content.EmbeddedDocument;
import io.sendguard.core.content.ReadTypes;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.inspection.extract.AttachmentNames;
import io.sendguard.mailets.audit.SendguardMetrics;

/**
 * Detects the true type of every attachment from its bytes (Apache Tika), and records a finding
 * (category {@code attachment}) for each attachment whose type is blocked, or whose content
 * disagrees with its file name (an executable named {@code invoice.pdf}); that is encrypted
 * ({@code attachment.encrypted}: ZIP with ZipCrypto or AES, 7z with AES or encrypted headers, RAR 4 / RAR 5 with
 * encrypted files or encrypted headers, password-protected PDF and Office — the PPAP policy, severity by
 * {@code encryptedAction}); that carries Office macros
 * ({@code attachment.macro}); that is a disk image ({@code attachment.disk-image}: ISO, IMG, VHD, VHDX); or
 * when an attachment, the mail or the number of attachments is over a limit ({@code attachment.limit}).
 * Types in {@code allowedTypes} are never flagged (limits still apply). An archive whose structure cannot be
 * read (a truncated or corrupt RAR) gets {@code inspection.corrupt} (category {@code uninspectable}): whether it
 * is encrypted is unknown, so it is never passed as clean. A file whose type Sendguard does not read
 * ({@link ReadTypes}: anything but text, documents, mails and ZIP / 7z / tar / gzip archives; e.g. LZH, ARJ, CAB,
 * RAR, unknown binary data) gets {@code inspection.unsupported} (category {@code uninspectable}, held for review),
 * unless its type is in {@code unreadTypes} (files with nothing to read that may pass: images, audio, video and
 * signatures by default; the other checks still apply) or {@code allowedTypes} (never flagged at all), or
 * another HIGH finding already names the file. An unencrypted RAR is one of them: no RAR extractor can be
 * bundled under its licence.
 *
 * <p>The same checks apply to every file inside ZIP / 7z / tar / gzip archives and attached to an attached mail, at
 * any depth within
 * {@link InspectContent}'s archive limits, with the path inside the archive as location
 * ({@code attachment:outer.zip!/docs/inner.zip!/setup.exe}). Archives are unpacked once per mail, by
 * {@link InspectContent}'s extraction pass, which hands what each entry's bytes revealed to this mailet in the
 * attribute {@value EmbeddedDocumentsAttribute#NAME} (removed here): put {@code InspectContent} <em>before</em>
 * {@code InspectAttachments}. Without it, an unencrypted archive attachment gets an {@code uninspectable} finding
 * ({@code inspection.failed}: its entries were not checked) rather than passing unchecked. Actions: {@code block} (finding HIGH:
 * quarantined in the shipped pipeline), {@code hold} (MEDIUM: approval), {@code tag} (INFO: recorded, shown in
 * notices), {@code off} (no finding). A mail whose MIME
 * structure cannot be read gets a finding of category {@code uninspectable}: it is never passed
 * as clean. The mail itself is not changed; act on the findings with
 * {@link io.sendguard.matchers.HasFinding}.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.InspectAttachments">
 *     <blockedTypes>application/x-msdownload, application/x-dosexec, application/x-sh</blockedTypes>
 *     <detectTypeMismatch>true</detectTypeMismatch>
 *     <allowedTypes></allowedTypes>
 *     <unreadTypes>image/*, audio/*, video/*, application/pkcs7-signature</unreadTypes>
 *     <encryptedAction>hold</encryptedAction>
 *     <macroAction>hold</macroAction>
 *     <diskImageAction>block</diskImageAction>
 *     <maxAttachmentSize>25M</maxAttachmentSize>
 *     <maxMailSize>30M</maxMailSize>
 *     <maxAttachments>20</maxAttachments>
 *     <limitAction>hold</limitAction>
 * </mailet>
 * }</pre>
 */
public class InspectAttachments extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(InspectAttachments.class);

    public static final String PARAM_BLOCKED_TYPES = "blockedTypes";
    public static final String PARAM_DETECT_TYPE_MISMATCH = "detectTypeMismatch";
    public static final String PARAM_ALLOWED_TYPES = "allowedTypes";
    public static final String PARAM_ENCRYPTED_ACTION = "encryptedAction";
    public static final String PARAM_MACRO_ACTION = "macroAction";
    public static final String PARAM_DISK_IMAGE_ACTION = "diskImageAction";
    public static final String PARAM_MAX_ATTACHMENT_SIZE = "maxAttachmentSize";
    public static final String PARAM_MAX_MAIL_SIZE = "maxMailSize";
    public static final String PARAM_MAX_ATTACHMENTS = "maxAttachments";
    public static final String PARAM_LIMIT_ACTION = "limitAction";
    public static final String PARAM_UNREAD_TYPES = "unreadTypes";
    public static final String DEFAULT_UNREAD_TYPES = "image/*, audio/*, video/*, application/pkcs7-signature, "
        + "application/pgp-signature, application/pgp-keys";
    private static final String OCTET_STREAM = "application/octet-stream";
    public static final String DEFAULT_BLOCKED_TYPES = "application/x-msdownload, application/x-dosexec, "
        + "application/x-executable, application/x-sharedlib, application/x-mach-o-executable, "
        + "application/x-msi, application/x-ms-installer, application/x-bat, application/x-sh, "
        + "application/java-archive";

    public static final String CATEGORY = "attachment";
    public static final String RULE_BLOCKED_TYPE = "attachment.blocked-type";
    public static final String RULE_TYPE_MISMATCH = "attachment.type-mismatch";
    public static final String RULE_UNINSPECTABLE = "inspection.failed";
    public static final String RULE_CORRUPT = "inspection.corrupt";
    public static final String RULE_UNSUPPORTED = "inspection.unsupported";
    public static final String UNINSPECTABLE = "uninspectable";
    public static final String RULE_ENCRYPTED = "attachment.encrypted";
    public static final String RULE_MACRO = "attachment.macro";
    public static final String RULE_DISK_IMAGE = "attachment.disk-image";
    public static final String RULE_LIMIT = "attachment.limit";
    /** Multiparts nested too deeply to list their attachments: held for review like any limit of inspection. */
    public static final String RULE_MIME_DEPTH = "inspection.limit";

    private final InspectionStats stats;
    private List<String> blockedTypes;
    private boolean detectTypeMismatch;
    private AttachmentTypeDetector detector;
    private List<String> allowedTypes;
    private List<String> unreadTypes;
    private Optional<Severity> encryptedSeverity;
    private Optional<Severity> macroSeverity;
    private Optional<Severity> diskImageSeverity;
    private Optional<Severity> limitSeverity;
    private long maxAttachmentSize;
    private long maxMailSize;
    private int maxAttachments;
    private volatile SendguardMetrics metrics = SendguardMetrics.none();

    @Inject
    public InspectAttachments(InspectionStats stats) {
        this.stats = stats;
    }

    /** For use outside Guice: counts go to a private {@link InspectionStats}. */
    public InspectAttachments() {
        this(new InspectionStats());
    }

    /** Optional: with Sendguard's Guice module, findings are counted in James's metrics. */
    @com.google.inject.Inject(optional = true)
    public void setMetrics(SendguardMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_BLOCKED_TYPES, PARAM_DETECT_TYPE_MISMATCH, PARAM_ALLOWED_TYPES, PARAM_ENCRYPTED_ACTION,
            PARAM_MACRO_ACTION, PARAM_DISK_IMAGE_ACTION, PARAM_MAX_ATTACHMENT_SIZE, PARAM_MAX_MAIL_SIZE, PARAM_MAX_ATTACHMENTS,
            PARAM_LIMIT_ACTION, PARAM_UNREAD_TYPES));
        blockedTypes = parseTypes(PARAM_BLOCKED_TYPES, getInitParameter(PARAM_BLOCKED_TYPES, DEFAULT_BLOCKED_TYPES));
        allowedTypes = parseTypes(PARAM_ALLOWED_TYPES, getInitParameter(PARAM_ALLOWED_TYPES, ""));
        unreadTypes = parseTypes(PARAM_UNREAD_TYPES, getInitParameter(PARAM_UNREAD_TYPES, DEFAULT_UNREAD_TYPES));
        detectTypeMismatch = Parameters.parseBoolean(this, PARAM_DETECT_TYPE_MISMATCH, true);
        encryptedSeverity = Parameters.parseAction(this, PARAM_ENCRYPTED_ACTION, "hold");
        macroSeverity = Parameters.parseAction(this, PARAM_MACRO_ACTION, "hold");
        diskImageSeverity = Parameters.parseAction(this, PARAM_DISK_IMAGE_ACTION, "block");
        limitSeverity = Parameters.parseAction(this, PARAM_LIMIT_ACTION, "hold");
        maxAttachmentSize = Parameters.parseSize(this, PARAM_MAX_ATTACHMENT_SIZE);
        maxMailSize = Parameters.parseSize(this, PARAM_MAX_MAIL_SIZE);
        maxAttachments = Parameters.parseInt(this, PARAM_MAX_ATTACHMENTS, 0, 0, 100000);
        detector = new AttachmentTypeDetector();
    }

    private static List<String> parseTypes(String parameter, String value) throws MessagingException {
        List<String> types = Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableList());
        for (String type : types) {
            if (!type.matches("[A-Za-z0-9][\\w.+-]*/([\\w.+-]+|\\*)")) {
                throw new MessagingException("Invalid " + parameter + " entry '" + type
                    + "': expected a media type such as application/x-msdownload or image/*");
            }
        }
        return types;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        FailedChecks.inspect("InspectAttachments", mail, "attachments", () -> inspectMail(mail), stats, metrics);
    }

    private void inspectMail(Mail mail) {
        List<Finding> findings;
        try {
            findings = inspect(mail.getMessage(), EmbeddedDocumentsAttribute.take(mail));
            findings.addAll(mailSizeFindings(mail.getMessageSize()));
        } catch (MessagingException | IOException | RuntimeException e) {
            LOGGER.warn("Could not inspect attachments of mail {}: {}", mail.getName(), e.toString());
            findings = List.of(FailedChecks.finding("attachments", e));
        }
        DetectorFindings.add(mail, findings, stats, metrics);
        if (!findings.isEmpty()) {
            LOGGER.info("Mail {}: {} attachment finding(s): {}", mail.getName(), findings.size(),
                findings.stream().map(Finding::ruleId).collect(Collectors.joining(",")));
        }
    }

    private List<Finding> mailSizeFindings(long size) {
        if (maxMailSize > 0 && size > maxMailSize && limitSeverity.isPresent()) {
            return List.of(Finding.of(RULE_LIMIT, CATEGORY, limitSeverity.get(), "message",
                "mail size " + size + " bytes is over the limit of " + maxMailSize));
        }
        return List.of();
    }

    /**
     * @param embedded the archive entries the extraction pass unpacked, or empty when it did not run on this mail
     */
    List<Finding> inspect(Part message, Optional<List<EmbeddedDocument>> embedded) throws MessagingException, IOException {
        List<Finding> findings = new ArrayList<>();
        MimeAttachments listing = MimeAttachments.of(message);
        List<Part> attachments = new ArrayList<>(listing.parts());
        if (listing.tooDeep()) {
            findings.add(Finding.of(RULE_MIME_DEPTH, UNINSPECTABLE, Severity.HIGH, "message", "MIME structure nested deeper than "
                + MimeAttachments.MAX_DEPTH + " levels; the attachments inside were not checked"));
        }
        if (isFileAsWholeMessage(message)) {
            attachments.add(0, message);
        }
        if (maxAttachments > 0 && attachments.size() > maxAttachments && limitSeverity.isPresent()) {
            findings.add(Finding.of(RULE_LIMIT, CATEGORY, limitSeverity.get(), "message",
                attachments.size() + " attachments, over the limit of " + maxAttachments));
        }
        for (Part part : attachments) {
            String name = AttachmentNames.of(part);
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            ContainerFacts facts = detector.inspect(bytes, name);
            DetectedType type = facts.type();
            String location = "attachment:" + (name == null ? "(unnamed " + type.trueType() + ")" : name);
            if (maxAttachmentSize > 0 && bytes.length > maxAttachmentSize && limitSeverity.isPresent()) {
                findings.add(Finding.of(RULE_LIMIT, CATEGORY, limitSeverity.get(), location,
                    "size " + bytes.length + " bytes is over the limit of " + maxAttachmentSize));
            }
            if (embedded.isEmpty() && ArchiveTypes.isArchive(type.trueType()) && facts.encryption().isEmpty()) {
                findings.add(Finding.of(RULE_UNINSPECTABLE, UNINSPECTABLE, Severity.HIGH, location,
                    "the files inside this archive were not checked: InspectContent must run before InspectAttachments"));
            }
            judge(facts, location, findings);
        }
        for (EmbeddedDocument document : embedded.orElse(List.of())) {
            judge(document.facts(), document.location(), findings);
        }
        return findings;
    }

    /**
     * A mail whose whole body is one file ({@code Content-Type: application/octet-stream; name=x.lzh} at the top, no
     * multipart): it is judged like an attachment, or it would pass unseen.
     */
    private static boolean isFileAsWholeMessage(Part message) throws MessagingException {
        return !message.isMimeType("multipart/*") && !message.isMimeType("text/plain") && !message.isMimeType("text/html");
    }

    private static boolean isRar(String mediaType) {
        String base = mediaType.toLowerCase(java.util.Locale.ROOT);
        return base.startsWith("application/x-rar-compressed") || base.startsWith("application/vnd.rar")
            || base.startsWith("application/x-rar");
    }

    /** The container checks of one file: a top-level attachment or a file inside an archive. */
    private void judge(ContainerFacts facts, String location, List<Finding> findings) {
        DetectedType type = facts.type();
        facts.problem().ifPresent(why -> findings.add(Finding.of(RULE_CORRUPT, UNINSPECTABLE, Severity.HIGH, location,
            "could not inspect: " + why)));
        if (isAllowed(type.trueType())) {
            return;
        }
        int before = findings.size();
        facts.encryption().ifPresent(how -> encryptedSeverity.ifPresent(severity -> findings.add(Finding.of(RULE_ENCRYPTED,
            CATEGORY, severity, location, "encrypted: " + how + " (password-protected attachments cannot be inspected)"))));
        facts.macros().ifPresent(why -> macroSeverity.ifPresent(severity -> findings.add(Finding.of(RULE_MACRO,
            CATEGORY, severity, location, "Office macros: " + why))));
        facts.diskImage().ifPresent(what -> diskImageSeverity.ifPresent(severity -> findings.add(Finding.of(RULE_DISK_IMAGE,
            CATEGORY, severity, location, "disk image: " + what))));
        if (isBlocked(type.trueType())) {
            findings.add(Finding.of(RULE_BLOCKED_TYPE, CATEGORY, Severity.HIGH, location,
                "type " + type.trueType() + " is not allowed"));
        }
        if (detectTypeMismatch && type.mismatch()) {
            findings.add(Finding.of(RULE_TYPE_MISMATCH, CATEGORY, Severity.HIGH, location,
                "content is " + type.trueType() + " but the name says " + type.nameType().orElse("?")));
        }
        boolean saidAlready = facts.encryption().isPresent() || facts.problem().isPresent()
            || findings.subList(before, findings.size()).stream().anyMatch(f -> f.severity() == Severity.HIGH);
        if (!saidAlready && !ReadTypes.isRead(detector, type.trueType()) && !isUnreadAllowed(type.trueType())) {
            findings.add(Finding.of(RULE_UNSUPPORTED, UNINSPECTABLE, Severity.HIGH, location, unsupportedWords(type.trueType())));
        }
    }

    private static String unsupportedWords(String trueType) {
        if (isRar(trueType)) {
            return "could not inspect: the files inside a RAR archive are not read (no RAR extractor can be bundled"
                + " under its licence), so a person has to check it";
        }
        return "could not inspect: files of type " + trueType + " are not read (only text, documents, mails and"
            + " ZIP, 7z, tar or gzip archives are), so a person has to check it";
    }

    private boolean isAllowed(String trueType) {
        return allowedTypes.stream().anyMatch(allowed -> isA(trueType, allowed));
    }

    private boolean isUnreadAllowed(String trueType) {
        return unreadTypes.stream().anyMatch(unread -> isA(trueType, unread));
    }

    private boolean isBlocked(String trueType) {
        return blockedTypes.stream().anyMatch(blocked -> isA(trueType, blocked));
    }

    /**
     * Whether a detected type is a listed one: {@code image/*} stands for every image type; {@code
     * application/octet-stream} (unknown bytes) means only itself, not every type that specializes it (all of them).
     */
    private boolean isA(String trueType, String listed) {
        if (listed.endsWith("/*")) {
            return trueType.toLowerCase(java.util.Locale.ROOT).startsWith(listed.substring(0, listed.length() - 1).toLowerCase(java.util.Locale.ROOT));
        }
        if (listed.equalsIgnoreCase(OCTET_STREAM)) {
            return trueType.equalsIgnoreCase(OCTET_STREAM);
        }
        return detector.isA(trueType, listed);
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard attachment type inspection";
    }
}
