package io.sendguard.mailets;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.hold.service.Durations;
import io.sendguard.inspection.extract.ExtractionLimits;
import io.sendguard.inspection.extract.ExtractionResult;
import io.sendguard.inspection.extract.MailTextExtractor;
import io.sendguard.inspection.keyword.DictionaryHolder;
import io.sendguard.inspection.keyword.KeywordDictionaryException;
import io.sendguard.inspection.keyword.KeywordScanner;
import io.sendguard.inspection.personal.PersonalDataPolicy;
import io.sendguard.inspection.personal.PersonalDataScanner;
import io.sendguard.mailets.audit.SendguardMetrics;

/**
 * Reads the mail the way its recipient will — the decoded subject, every text and HTML part in its
 * charset, attachment names, and the text inside attachments (PDF, Office, ODF, RTF, CSV, HTML,
 * attached mails, archives recursively) through Apache Tika, in one pass — and scans it for the
 * keywords of a dictionary after normalization (full/half width, case, spaces between letters).
 * Each match becomes a finding (category and severity from the dictionary, where it was found, a
 * masked excerpt). What cannot be read (encrypted, corrupt, over a limit, too slow) becomes a finding
 * of category {@code uninspectable}: never a silent pass. Act on findings with
 * {@link io.sendguard.matchers.HasFinding}.
 *
 * <p>With {@code personalDataPolicy} (a properties file, see
 * {@link io.sendguard.inspection.personal.PersonalDataPolicy}), the same extracted text is also scanned for
 * personal data (My Number, card numbers, customer lists of e-mail addresses and phone numbers, postal
 * addresses, bank accounts, corporate numbers): findings of category {@code personal-data} with masked
 * excerpts. Without it, personal data is not scanned. The policy file is read at startup.
 *
 * <p>For every file it unpacks from an archive attachment (ZIP, 7z, tar, gzip, at any depth within the
 * limits), the extraction also records what the file's bytes reveal — true type, encryption, macros, disk image —
 * and leaves it in the attribute {@code sendguard.embedded-documents} for {@link InspectAttachments}, which
 * applies the attachment policy to those files: archives are unpacked once per mail. Put {@code InspectContent}
 * before {@code InspectAttachments}.
 *
 * <p>The dictionary is re-read when its file changes; a broken new file is refused (logged) and the
 * previous one stays in force. A broken dictionary at startup stops James naming the file and line.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.InspectContent">
 *     <dictionary>file://conf/sendguard-keywords.txt</dictionary>
 *     <reloadCheckInterval>10</reloadCheckInterval>
 *     <maxCharacters>10000000</maxCharacters>
 *     <maxAttachmentBytes>52428800</maxAttachmentBytes>
 *     <maxArchiveDepth>5</maxArchiveDepth>
 *     <maxArchiveEntries>1000</maxArchiveEntries>
 *     <maxExpansionRatio>100</maxExpansionRatio>
 *     <maxMimeDepth>30</maxMimeDepth>
 *     <maxBodyBytes>5242880</maxBodyBytes>
 *     <timeout>30s</timeout>
 *     <parserThreads>2</parserThreads>
 *     <maxConcurrentInspections>2</maxConcurrentInspections>
 *     <personalDataPolicy>file://conf/sendguard-personal-data.properties</personalDataPolicy>
 * </mailet>
 * }</pre>
 */
public class InspectContent extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(InspectContent.class);

    public static final String PARAM_DICTIONARY = "dictionary";
    public static final String PARAM_RELOAD_CHECK_INTERVAL = "reloadCheckInterval";
    public static final String PARAM_MAX_CHARACTERS = "maxCharacters";
    public static final String PARAM_MAX_ATTACHMENT_BYTES = "maxAttachmentBytes";
    public static final String PARAM_MAX_ARCHIVE_DEPTH = "maxArchiveDepth";
    public static final String PARAM_MAX_ARCHIVE_ENTRIES = "maxArchiveEntries";
    public static final String PARAM_MAX_EXPANSION_RATIO = "maxExpansionRatio";
    public static final String PARAM_TIMEOUT = "timeout";
    public static final String PARAM_MAX_MIME_DEPTH = "maxMimeDepth";
    public static final String PARAM_MAX_BODY_BYTES = "maxBodyBytes";
    public static final String PARAM_PARSER_THREADS = "parserThreads";
    public static final String PARAM_MAX_CONCURRENT_INSPECTIONS = "maxConcurrentInspections";
    public static final String PARAM_PERSONAL_DATA_POLICY = "personalDataPolicy";

    public static final String DEFAULT_DICTIONARY = "file://conf/sendguard-keywords.txt";

    private final FileSystem fileSystem;
    private final InspectionStats stats;
    private final Clock clock = Clock.systemUTC();
    private DictionaryHolder dictionary;
    private MailTextExtractor extractor;
    private Duration reloadCheckInterval;
    private volatile Instant nextReloadCheck = Instant.EPOCH;
    private volatile KeywordScanner scanner;
    private Duration timeLimit = Duration.ofSeconds(30);
    private PersonalDataScanner personalData;
    private volatile SendguardMetrics metrics = SendguardMetrics.none();

    @Inject
    public InspectContent(FileSystem fileSystem, InspectionStats stats) {
        this.fileSystem = fileSystem;
        this.stats = stats;
    }

    /** Optional: with Sendguard's Guice module, inspections are counted and timed in James's metrics. */
    @com.google.inject.Inject(optional = true)
    public void setMetrics(SendguardMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_DICTIONARY, PARAM_RELOAD_CHECK_INTERVAL, PARAM_MAX_CHARACTERS,
            PARAM_MAX_ATTACHMENT_BYTES, PARAM_MAX_ARCHIVE_DEPTH, PARAM_MAX_ARCHIVE_ENTRIES, PARAM_MAX_EXPANSION_RATIO,
            PARAM_TIMEOUT, PARAM_PERSONAL_DATA_POLICY, PARAM_MAX_MIME_DEPTH, PARAM_MAX_BODY_BYTES, PARAM_PARSER_THREADS,
            PARAM_MAX_CONCURRENT_INSPECTIONS));
        reloadCheckInterval = Duration.ofSeconds(Parameters.parseInt(this, PARAM_RELOAD_CHECK_INTERVAL, 10, 0, 86400));
        ExtractionLimits defaults = ExtractionLimits.defaults();
        Duration timeout;
        try {
            timeout = Durations.parse(getInitParameter(PARAM_TIMEOUT, "30s"));
            if (timeout.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid " + PARAM_TIMEOUT + ": " + e.getMessage());
        }
        ExtractionLimits limits;
        try {
            limits = defaults.toBuilder()
                .maxCharsPerMail(Parameters.parseInt(this, PARAM_MAX_CHARACTERS, (int) defaults.maxCharsPerMail(), 1000, Integer.MAX_VALUE))
                .maxAttachmentBytes(Parameters.parseInt(this, PARAM_MAX_ATTACHMENT_BYTES, (int) defaults.maxAttachmentBytes(), 1024, Integer.MAX_VALUE))
                .maxArchiveDepth(Parameters.parseInt(this, PARAM_MAX_ARCHIVE_DEPTH, defaults.maxArchiveDepth(), 0, 100))
                .maxArchiveEntries(Parameters.parseInt(this, PARAM_MAX_ARCHIVE_ENTRIES, defaults.maxArchiveEntries(), 1, 1000000))
                .maxExpansionRatio(Parameters.parseInt(this, PARAM_MAX_EXPANSION_RATIO, defaults.maxExpansionRatio(), 1, 100000))
                .maxMimeDepth(Parameters.parseInt(this, PARAM_MAX_MIME_DEPTH, defaults.maxMimeDepth(), 1, MimeAttachments.MAX_DEPTH))
                .maxBodyBytes(Parameters.parseInt(this, PARAM_MAX_BODY_BYTES, (int) defaults.maxBodyBytes(), 1024, Integer.MAX_VALUE))
                .parserThreads(Parameters.parseInt(this, PARAM_PARSER_THREADS, defaults.parserThreads(), 1, 256))
                .maxConcurrentMails(Parameters.parseInt(this, PARAM_MAX_CONCURRENT_INSPECTIONS, defaults.maxConcurrentMails(), 1, 256))
                .maxTimePerMail(timeout)
                .build();
            timeLimit = timeout;
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid InspectContent limits: " + e.getMessage());
        }
        String location = getInitParameter(PARAM_DICTIONARY, DEFAULT_DICTIONARY);
        try {
            File file = fileSystem.getFile(location);
            Path path = file.toPath().toAbsolutePath();
            dictionary = DictionaryHolder.load(path);
        } catch (KeywordDictionaryException | IOException e) {
            throw new MessagingException("Invalid " + PARAM_DICTIONARY + " '" + location + "': " + e.getMessage());
        }
        scanner = new KeywordScanner(dictionary.current());
        personalData = loadPersonalDataPolicy();
        extractor = new MailTextExtractor(limits);
        extractor.warmUp();
        LOGGER.info("Sendguard content inspection ready: dictionary {} with {} rule(s), {}", dictionary.file(),
            dictionary.current().rules().size(), limits);
    }

    private PersonalDataScanner loadPersonalDataPolicy() throws MessagingException {
        String location = getInitParameter(PARAM_PERSONAL_DATA_POLICY);
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            PersonalDataPolicy policy = PersonalDataPolicy.load(fileSystem.getFile(location.trim()).toPath().toAbsolutePath());
            LOGGER.info("Sendguard personal-data inspection ready: {}", policy);
            return new PersonalDataScanner(policy);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessagingException("Invalid " + PARAM_PERSONAL_DATA_POLICY + " '" + location + "': " + e.getMessage());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        FailedChecks.inspect("InspectContent", mail, "the content", () -> inspect(mail), stats, metrics);
    }

    private void inspect(Mail mail) {
        List<Finding> findings = new ArrayList<>();
        SendguardMetrics.Timer timer = metrics.startInspection();
        try {
            long deadline = System.nanoTime() + timeLimit.toNanos();
            ExtractionResult result = extractor.extract(mail.getMessage());
            EmbeddedDocumentsAttribute.write(mail, result.embeddedDocuments());
            // the keyword rules' regular expressions share the mail's time limit with the extraction
            findings.addAll(currentScanner().scan(result.segments(), deadline));
            if (personalData != null) {
                findings.addAll(personalData.scan(result.segments()));
            }
            findings.addAll(result.problemFindings());
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("Could not inspect the content of mail {}: {}", mail.getName(), e.toString());
            findings.add(FailedChecks.finding("the content", e));
        }
        timer.stop();
        stats.recordInspectedMail();
        metrics.inspected();
        DetectorFindings.add(mail, findings, stats, metrics);
        if (!findings.isEmpty()) {
            LOGGER.info("Mail {}: {} content finding(s): {}", mail.getName(), findings.size(),
                findings.stream().map(Finding::ruleId).distinct().collect(Collectors.joining(",")));
        }
    }

    private KeywordScanner currentScanner() {
        Instant now = clock.instant();
        if (!now.isBefore(nextReloadCheck)) {
            nextReloadCheck = now.plus(reloadCheckInterval);
            if (dictionary.reloadIfChanged()) {
                scanner = new KeywordScanner(dictionary.current());
                LOGGER.info("Keyword dictionary {} reloaded: {} rule(s)", dictionary.file(), dictionary.current().rules().size());
            }
        }
        return scanner;
    }

    @Override
    public void destroy() {
        if (extractor != null) {
            extractor.close();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard content inspection (keywords in subject, bodies and attachments)";
    }
}
