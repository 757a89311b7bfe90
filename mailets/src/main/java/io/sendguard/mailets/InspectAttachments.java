package io.sendguard.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Part;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.content.AttachmentTypeDetector;
import io.sendguard.core.content.DetectedType;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Detects the true type of every attachment from its bytes (Apache Tika), and records a finding
 * (category {@code attachment}) for each attachment whose type is blocked, or whose content
 * disagrees with its file name (an executable named {@code invoice.pdf}). A mail whose MIME
 * structure cannot be read gets a finding of category {@code uninspectable}: it is never passed
 * as clean. The mail itself is not changed; act on the findings with
 * {@link io.sendguard.matchers.HasFinding}.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.InspectAttachments">
 *     <blockedTypes>application/x-msdownload, application/x-dosexec, application/x-sh</blockedTypes>
 *     <detectTypeMismatch>true</detectTypeMismatch>
 * </mailet>
 * }</pre>
 */
public class InspectAttachments extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(InspectAttachments.class);

    public static final String PARAM_BLOCKED_TYPES = "blockedTypes";
    public static final String PARAM_DETECT_TYPE_MISMATCH = "detectTypeMismatch";
    public static final String DEFAULT_BLOCKED_TYPES = "application/x-msdownload, application/x-dosexec, "
        + "application/x-executable, application/x-sharedlib, application/x-mach-o-executable, "
        + "application/x-msi, application/x-ms-installer, application/x-bat, application/x-sh, "
        + "application/java-archive";

    public static final String CATEGORY = "attachment";
    public static final String RULE_BLOCKED_TYPE = "attachment.blocked-type";
    public static final String RULE_TYPE_MISMATCH = "attachment.type-mismatch";
    public static final String RULE_UNINSPECTABLE = "inspection.failed";

    private final InspectionStats stats;
    private List<String> blockedTypes;
    private boolean detectTypeMismatch;
    private AttachmentTypeDetector detector;

    @Inject
    public InspectAttachments(InspectionStats stats) {
        this.stats = stats;
    }

    /** For use outside Guice: counts go to a private {@link InspectionStats}. */
    public InspectAttachments() {
        this(new InspectionStats());
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_BLOCKED_TYPES, PARAM_DETECT_TYPE_MISMATCH));
        blockedTypes = parseTypes(getInitParameter(PARAM_BLOCKED_TYPES, DEFAULT_BLOCKED_TYPES));
        detectTypeMismatch = Parameters.parseBoolean(this, PARAM_DETECT_TYPE_MISMATCH, true);
        detector = new AttachmentTypeDetector();
    }

    private static List<String> parseTypes(String value) throws MessagingException {
        List<String> types = Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableList());
        for (String type : types) {
            if (!type.matches("[A-Za-z0-9][\\w.+-]*/[\\w.+-]+")) {
                throw new MessagingException("Invalid " + PARAM_BLOCKED_TYPES + " entry '" + type
                    + "': expected a media type such as application/x-msdownload");
            }
        }
        return types;
    }

    @Override
    public void service(Mail mail) {
        List<Finding> findings;
        try {
            findings = inspect(mail.getMessage());
        } catch (MessagingException | IOException | RuntimeException e) {
            LOGGER.warn("Could not inspect attachments of mail {}: {}", mail.getName(), e.toString());
            findings = List.of(Finding.of(RULE_UNINSPECTABLE, "uninspectable", Severity.HIGH, "message",
                "attachments could not be read: " + e.getClass().getSimpleName()));
        }
        FindingsAttribute.append(mail, findings);
        stats.recordInspection(findings);
        if (!findings.isEmpty()) {
            LOGGER.info("Mail {}: {} attachment finding(s): {}", mail.getName(), findings.size(),
                findings.stream().map(Finding::ruleId).collect(Collectors.joining(",")));
        }
    }

    List<Finding> inspect(Part message) throws MessagingException, IOException {
        List<Finding> findings = new ArrayList<>();
        for (Part part : MimeAttachments.of(message)) {
            String name = MimeAttachments.fileName(part);
            DetectedType type;
            try (InputStream in = part.getInputStream()) {
                type = detector.detect(in, name);
            }
            String location = "attachment:" + (name == null ? "(unnamed " + type.trueType() + ")" : name);
            if (isBlocked(type.trueType())) {
                findings.add(Finding.of(RULE_BLOCKED_TYPE, CATEGORY, Severity.HIGH, location,
                    "type " + type.trueType() + " is not allowed"));
            }
            if (detectTypeMismatch && type.mismatch()) {
                findings.add(Finding.of(RULE_TYPE_MISMATCH, CATEGORY, Severity.HIGH, location,
                    "content is " + type.trueType() + " but the name says " + type.nameType().orElse("?")));
            }
        }
        return findings;
    }

    private boolean isBlocked(String trueType) {
        return blockedTypes.stream().anyMatch(blocked -> detector.isA(trueType, blocked));
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard attachment type inspection";
    }
}
