package io.sendguard.inspection.extract;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.sendguard.core.content.ArchiveTypes;
import io.sendguard.core.content.AttachmentTypeDetector;
import io.sendguard.core.content.ContainerFacts;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;

/**
 * Runs Tika over one attachment and, through its own {@link EmbeddedDocumentExtractor}, over every document
 * embedded in it (archive entries, attached mails, objects in Office files), each as its own piece with its
 * path. Every entry of an archive (ZIP, 7z, tar, gzip, ...) and every file attached to a mail inside one (.eml, Outlook
 * .msg, TNEF; not the parts of Office documents) also gets its
 * {@link ContainerFacts} from the bytes already in hand — true type, encryption, macros, disk image — so the
 * attachment policy can judge nested files without a second unpacking. Enforces depth, entry count, size,
 * expansion ratio, text and time limits. Plain text and CSV / TSV (as Tika detects them from bytes and name) are
 * decoded by {@link TextDecoding}, as mail bodies are, not by Tika's text parser: the declared charset of the
 * attachment is honoured, and without one a few words of Shift_JIS or EUC-JP are still recognised (Tika's
 * statistical guess fails on a short CSV). PDFs are read for their text layer only, never by OCR (no OCR engine is
 * bundled; Tika's default would try one on every page with fewer than 10 characters and fail). Thread-safe: the
 * {@link AutoDetectParser} is shared, all state is per call.
 */
final class TikaAttachmentParser {
    private static final Logger LOG = LoggerFactory.getLogger(TikaAttachmentParser.class);

    private final AutoDetectParser parser;
    private final ExtractionLimits limits;
    private final AttachmentTypeDetector detector;

    TikaAttachmentParser(AutoDetectParser parser, ExtractionLimits limits, AttachmentTypeDetector detector) {
        this.parser = parser;
        this.limits = limits;
        this.detector = detector;
    }

    /** What the bytes of one file reveal (true type, encryption, macros, disk image), as for an archive entry. */
    ContainerFacts facts(byte[] data, String name) throws IOException {
        return detector.inspect(data, name);
    }

    /**
     * Parses one attachment.
     *
     * @param charLimit characters this attachment may produce (may be below the per-attachment limit when the
     *                  mail's budget is nearly used; the result is then not cacheable if the limit is hit)
     */
    ParsedAttachment parse(byte[] data, String name, long charLimit, Deadline deadline) {
        return parse(data, name, null, charLimit, deadline);
    }

    /**
     * Parses one attachment.
     *
     * @param declaredCharset the charset parameter of the attachment's Content-Type, or null; used when the
     *                        attachment is plain text or CSV (the files inside an archive have none)
     * @param charLimit       characters this attachment may produce (may be below the per-attachment limit when
     *                        the mail's budget is nearly used; the result is then not cacheable if the limit is hit)
     */
    ParsedAttachment parse(byte[] data, String name, String declaredCharset, long charLimit, Deadline deadline) {
        State st = new State(data.length, charLimit, deadline);
        parseDocument(st, data, name, declaredCharset, "", 0);
        boolean mailDependent = st.budget.exhausted() && charLimit < limits.maxCharsPerAttachment();
        boolean timedOut = false;
        for (ParsedAttachment.Problem p : st.problems) {
            timedOut |= p.kind == ExtractionProblem.Kind.TIMEOUT;
        }
        return new ParsedAttachment(st.pieces, st.problems, st.embedded, !mailDependent && !timedOut);
    }

    private final class State {
        final List<ParsedAttachment.Piece> pieces = new ArrayList<>();
        final List<ParsedAttachment.Problem> problems = new ArrayList<>();
        final List<ParsedAttachment.Embedded> embedded = new ArrayList<>();
        final CollectingHandler.Budget budget;
        final Deadline deadline;
        long expansionLeft;
        int entries;
        boolean entryLimitReported;
        boolean textLimitReported;

        State(long size, long charLimit, Deadline deadline) {
            this.budget = new CollectingHandler.Budget(charLimit);
            this.deadline = deadline;
            this.expansionLeft = limits.expansionBudget(size);
        }

        void problem(String path, ExtractionProblem.Kind kind, String message) {
            problems.add(new ParsedAttachment.Problem(path, kind, message));
        }
    }

    private void parseDocument(State st, byte[] data, String name, String declaredCharset, String path, int depth) {
        int textIndex = st.pieces.size();
        if (isPlainText(data, name)) {
            decodeText(st, data, declaredCharset, path, textIndex);
            return;
        }
        CollectingHandler handler = new CollectingHandler(st.budget, st.deadline);
        Metadata metadata = named(name);
        ParseContext context = new ParseContext();
        context.set(EmbeddedDocumentExtractor.class, new PathExtractor(st, path, depth, metadata));
        context.set(PDFParserConfig.class, textLayerOnly());
        Throwable failure = null;
        try (TikaInputStream in = TikaInputStream.get(st.deadline.guard(new ByteArrayInputStream(data)))) {
            parser.parse(in, handler, metadata, context);
        } catch (Throwable t) { // parsers throw anything, incl. Errors on hostile input
            failure = t;
        }
        String text = handler.text();
        if (!text.isBlank()) {
            st.pieces.add(textIndex, new ParsedAttachment.Piece(path, false, text));
        }
        if (st.deadline.isExpired()) {
            st.problem(path, ExtractionProblem.Kind.TIMEOUT, "time limit reached while parsing");
            return;
        }
        if (handler.limitReached() || st.budget.exhausted()) {
            reportTextLimit(st, path);
            return;
        }
        List<ParsedAttachment.Problem> found = new ArrayList<>();
        if (failure != null) {
            found.add(new ParsedAttachment.Problem(path, classify(failure), ProblemWords.of(failure)));
            LOG.info("Could not read {}{}: {}", name, path.isEmpty() ? "" : " (" + path + ")", describe(failure));
        }
        for (String embedded : metadata.getValues(TikaCoreProperties.TIKA_META_EXCEPTION_EMBEDDED_STREAM)) {
            found.add(new ParsedAttachment.Problem(path, kindOfMessage(embedded, ExtractionProblem.Kind.CORRUPT),
                ProblemWords.ofStackTrace(embedded)));
            LOG.info("Could not read an entry of {}{}: {}", name, path.isEmpty() ? "" : " (" + path + ")", firstLine(embedded));
        }
        st.problems.addAll(withoutEchoes(found));
        if (failure == null && "true".equalsIgnoreCase(metadata.get("pdf:encrypted")) && text.isBlank()) {
            st.problem(path, ExtractionProblem.Kind.ENCRYPTED, "encrypted PDF without extractable text");
        }
    }

    /**
     * The problems of one document, each said once: Tika reports an encrypted ZIP entry up to three times (the
     * entry's exception, the container's, and a parse failure of the stream that follows), so the same words
     * are kept once, and a document that is encrypted is not also called corrupt.
     */
    static List<ParsedAttachment.Problem> withoutEchoes(List<ParsedAttachment.Problem> found) {
        boolean encrypted = false;
        for (ParsedAttachment.Problem p : found) {
            encrypted |= p.kind == ExtractionProblem.Kind.ENCRYPTED;
        }
        List<ParsedAttachment.Problem> kept = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ParsedAttachment.Problem p : found) {
            if (encrypted && p.kind == ExtractionProblem.Kind.CORRUPT) {
                continue;
            }
            if (seen.add(p.kind + "\n" + p.message)) {
                kept.add(p);
            }
        }
        return kept;
    }

    private static void reportTextLimit(State st, String path) {
        if (!st.textLimitReported) {
            st.textLimitReported = true;
            st.problem(path, ExtractionProblem.Kind.LIMIT, "text limit reached; rest not inspected");
        }
    }

    /** The types Tika would hand to its text parser. */
    private static final Set<MediaType> PLAIN_TEXT = Set.of(MediaType.TEXT_PLAIN, MediaType.text("csv"),
        MediaType.text("tab-separated-values"));

    private static Metadata named(String name) {
        Metadata metadata = new Metadata();
        if (name != null && !name.isEmpty()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        return metadata;
    }

    /** Whether Tika detects plain text, CSV or TSV from the bytes and the name. */
    private boolean isPlainText(byte[] data, String name) {
        try (TikaInputStream in = TikaInputStream.get(data)) {
            return PLAIN_TEXT.contains(parser.getDetector().detect(in, named(name)).getBaseType());
        } catch (IOException | RuntimeException e) {
            return false; // let the parser try and report
        }
    }

    /** Decodes a plain-text document the way mail bodies are decoded, within the attachment's text budget. */
    private static void decodeText(State st, byte[] data, String declaredCharset, String path, int textIndex) {
        if (st.deadline.isExpired()) {
            st.problem(path, ExtractionProblem.Kind.TIMEOUT, "time limit reached while parsing");
            return;
        }
        String text = TextDecoding.decode(data, declaredCharset);
        int granted = st.budget.take(text.length());
        String kept = text.substring(0, granted);
        if (!kept.isBlank()) {
            st.pieces.add(textIndex, new ParsedAttachment.Piece(path, false, kept));
        }
        if (granted < text.length()) {
            reportTextLimit(st, path);
        }
    }

    /** Records each embedded document under its path and parses it separately. */
    private final class PathExtractor implements EmbeddedDocumentExtractor {
        private final State st;
        private final String parentPath;
        private final int depth;
        /** the container's metadata: AutoDetectParser sets its Content-Type before the entries come */
        private final Metadata parent;
        private int unnamed;

        PathExtractor(State st, String parentPath, int depth, Metadata parent) {
            this.st = st;
            this.parentPath = parentPath;
            this.depth = depth;
            this.parent = parent;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return !st.deadline.isExpired();
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws IOException {
            st.deadline.check();
            String name = embeddedName(metadata);
            String path = parentPath.isEmpty() ? name : parentPath + "!/" + name;
            if (++st.entries > limits.maxArchiveEntries()) {
                if (!st.entryLimitReported) {
                    st.entryLimitReported = true;
                    st.problem(parentPath, ExtractionProblem.Kind.LIMIT,
                        "more than " + limits.maxArchiveEntries() + " embedded documents; rest not inspected");
                }
                return;
            }
            st.pieces.add(new ParsedAttachment.Piece(path, true, name));
            if (depth + 1 > limits.maxArchiveDepth()) {
                st.problem(path, ExtractionProblem.Kind.LIMIT,
                    "nested deeper than " + limits.maxArchiveDepth() + " levels; not inspected");
                return;
            }
            long cap = Math.min(limits.maxAttachmentBytes(), st.expansionLeft);
            byte[] data;
            try {
                data = readCapped(stream, cap);
            } catch (Deadline.ExceededException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                st.problem(path, classify(e), ProblemWords.of(e));
                LOG.info("Could not read {}: {}", path, describe(e));
                return;
            }
            if (data == null) {
                boolean ratio = st.expansionLeft <= limits.maxAttachmentBytes();
                st.problem(path, ExtractionProblem.Kind.LIMIT, ratio
                    ? "expands beyond " + limits.maxExpansionRatio() + "x the attachment size (zip bomb?); not inspected"
                    : "larger than " + limits.maxAttachmentBytes() + " bytes; not inspected");
                st.expansionLeft = 0;
                return;
            }
            st.expansionLeft -= data.length;
            if (ArchiveTypes.holdsFiles(parent.get(Metadata.CONTENT_TYPE))) {
                try {
                    st.embedded.add(new ParsedAttachment.Embedded(path, detector.inspect(data, name)));
                } catch (IOException | RuntimeException e) {
                    st.problem(path, ExtractionProblem.Kind.CORRUPT, "type not detectable: " + ProblemWords.of(e));
                    LOG.info("Could not detect the type of {}: {}", path, describe(e));
                }
            }
            parseDocument(st, data, name, null, path, depth + 1);
        }

        private String embeddedName(Metadata metadata) {
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            if (name == null || name.isBlank()) {
                name = metadata.get(TikaCoreProperties.EMBEDDED_RELATIONSHIP_ID);
            }
            if (name == null || name.isBlank()) {
                name = "embedded-" + (++unnamed);
            }
            name = name.replace('\\', '/');
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            return name;
        }
    }

    /**
     * PDF settings: the text layer only. Tika's default OCR strategy (AUTO) hands every page with fewer than 10
     * characters (a blank or scanned page, a one-word page) to an OCR parser, which is absent here, so the whole
     * PDF would fail to parse.
     */
    private static PDFParserConfig textLayerOnly() {
        PDFParserConfig config = new PDFParserConfig();
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        return config;
    }

    /** Reads at most {@code cap} bytes; null when the stream holds more. */
    static byte[] readCapped(InputStream in, long cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Maps a parse failure to a problem kind by walking its causes. */
    static ExtractionProblem.Kind classify(Throwable t) {
        ExtractionProblem.Kind fallback = ExtractionProblem.Kind.CORRUPT;
        int guard = 0;
        for (Throwable c = t; c != null && guard < 20; c = c.getCause(), guard++) {
            if (c instanceof Deadline.ExceededException) {
                return ExtractionProblem.Kind.TIMEOUT;
            }
            if (c instanceof CollectingHandler.LimitReachedException) {
                return ExtractionProblem.Kind.LIMIT;
            }
            String cls = c.getClass().getName();
            if (cls.endsWith("EncryptedDocumentException") || cls.endsWith("InvalidPasswordException")
                || cls.endsWith("PasswordRequiredException")) {
                return ExtractionProblem.Kind.ENCRYPTED;
            }
            if (cls.endsWith("WriteLimitReachedException")) {
                return ExtractionProblem.Kind.LIMIT;
            }
            ExtractionProblem.Kind byMessage = kindOfMessage(c.getMessage(), null);
            if (byMessage != null) {
                fallback = byMessage == ExtractionProblem.Kind.CORRUPT ? fallback : byMessage;
                if (byMessage == ExtractionProblem.Kind.ENCRYPTED) {
                    return byMessage;
                }
            }
        }
        return fallback;
    }

    private static ExtractionProblem.Kind kindOfMessage(String message, ExtractionProblem.Kind otherwise) {
        if (message == null) {
            return otherwise;
        }
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("encrypt") || m.contains("password")) {
            return ExtractionProblem.Kind.ENCRYPTED;
        }
        if (m.contains("zip bomb") || m.contains("zipbomb")) {
            return ExtractionProblem.Kind.LIMIT;
        }
        return otherwise;
    }

    /** The technical description of a failure, for the log only: root cause class and first message line. */
    static String describe(Throwable t) {
        Throwable root = t;
        int guard = 0;
        while (root.getCause() != null && root.getCause() != root && guard++ < 20) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        String s = root.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl >= 0 ? s.substring(0, nl) : s;
        return line.length() > 200 ? line.substring(0, 199) + "…" : line.trim();
    }
}
