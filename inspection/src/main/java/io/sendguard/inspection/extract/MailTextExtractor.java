package io.sendguard.inspection.extract;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimeUtility;
import io.sendguard.core.content.AttachmentTypeDetector;
import io.sendguard.core.content.EmbeddedDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.tika.parser.AutoDetectParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts all inspectable text of a mail in one pass over its MIME tree: the decoded subject, every
 * text/plain and text/html body part (decoded in its declared charset, see {@link TextDecoding}; HTML
 * converted to text), attachment file names (RFC 2231 / RFC 2047, raw 8-bit) as their own segments, the
 * text of attachments (plain text and CSV decoded like bodies, in the part's declared charset or a detected one;
 * the rest through Apache Tika: PDF, Office, ODF, RTF, HTML, .eml, ZIP / tar / gz / 7z ...,
 * recursively, each embedded document with its path: {@code attachment:archive.zip!/dir/report.docx}; for
 * every archive entry also what its bytes reveal, see {@link ExtractionResult#embeddedDocuments()}) and
 * attached mails (message/rfc822) walked like the outer mail with the prefix
 * {@code attachment:fwd.eml!/}.
 *
 * <p>Everything that cannot be inspected (encrypted, corrupt, over a limit, out of time) is reported as an
 * {@link ExtractionProblem}; nothing is dropped silently. Limits come from {@link ExtractionLimits}.
 * The MIME tree is walked from an explicit stack (never by recursion) down to
 * {@link ExtractionLimits#maxMimeDepth()}; text bodies are read up to {@link ExtractionLimits#maxBodyBytes()} and
 * HTML is parsed under the mail's deadline. Attachments are parsed on the threads of a bounded {@link ParserPool}
 * so a parse stuck past the mail's time budget is abandoned (its thread is interrupted and every further read
 * fails). Parsed attachments are cached by the SHA-256 of their bytes, so the same file sent in many mails is
 * parsed once.
 *
 * <p>Create one instance and share it: the Tika parser is created once; the class is thread-safe.
 * {@link #close()} stops the worker threads.
 */
public final class MailTextExtractor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailTextExtractor.class);

    private final ExtractionLimits limits;
    private final TikaAttachmentParser tika;
    private final AttachmentCache cache;
    private final ParserPool parsers;
    private final Semaphore turns;
    private final Session session;

    /** Extractor with {@link ExtractionLimits#defaults()}. */
    public MailTextExtractor() {
        this(ExtractionLimits.defaults());
    }

    public MailTextExtractor(ExtractionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tika = new TikaAttachmentParser(new AutoDetectParser(), limits, new AttachmentTypeDetector());
        this.cache = new AttachmentCache(limits.cacheEntries(), limits.cacheMaxChars());
        this.parsers = new ParserPool(limits.parserThreads());
        this.turns = new Semaphore(limits.maxConcurrentMails(), true);
        Properties props = new Properties();
        props.setProperty("mail.mime.decodeparameters", "true");
        this.session = Session.getInstance(props);
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /** Parses raw RFC 5322 bytes with javax.mail, then extracts. */
    public ExtractionResult extract(byte[] rawMessage) {
        try {
            return extract(new MimeMessage(session, new ByteArrayInputStream(rawMessage)));
        } catch (MessagingException e) {
            LOG.info("Unparsable message: {}", e.toString());
            return ExtractionResult.of(List.of(), List.of(
                ExtractionProblem.of("message", ExtractionProblem.Kind.CORRUPT, "unparsable message: " + ProblemWords.of(e))));
        }
    }

    /**
     * Extracts the text of a mail. Never throws for bad content: problems are in the result. At most
     * {@link ExtractionLimits#maxConcurrentMails()} mails are extracted at once; another waits for its turn, up to
     * ten times the time limit of a mail (then it is not inspected: a timeout problem).
     */
    public ExtractionResult extract(MimeMessage message) {
        boolean turn;
        try {
            turn = turns.tryAcquire(limits.maxTimePerMail().toNanos() * 10, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            return ExtractionResult.of(List.of(), List.of(ExtractionProblem.of("message", ExtractionProblem.Kind.TIMEOUT,
                "too many mails were being inspected at once; not inspected in time")));
        }
        try {
            return extractInTurn(message);
        } finally {
            turns.release();
        }
    }

    private ExtractionResult extractInTurn(MimeMessage message) {
        Walk walk = new Walk(new Deadline(limits.maxTimePerMail().toNanos()));
        walk.walk(message);
        return ExtractionResult.of(walk.segments, walk.problems, walk.embedded);
    }

    /** Parses a tiny DOCX, XLSX and PDF so that class loading and Tika's initialisation happen up front. */
    public void warmUp() {
        long t0 = System.nanoTime();
        try {
            byte[][] docs = {tinyDocx(), tinyXlsx(), tinyPdf()};
            String[] names = {"warmup.docx", "warmup.xlsx", "warmup.pdf"};
            for (int i = 0; i < docs.length; i++) {
                tika.parse(docs[i], names[i], 10_000, new Deadline(TimeUnit.SECONDS.toNanos(60)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("extractor warm-up failed: {}", e.toString());
        }
        LOG.info("extractor warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Number of attachment parses answered from the cache since creation. */
    public long cacheHits() {
        return cache.hits();
    }

    @Override
    public void close() {
        parsers.close();
    }

    // ------------------------------------------------------------------------------------------------------

    /** State of one extraction. */
    private final class Walk {
        final Deadline deadline;
        final List<TextSegment> segments = new ArrayList<>();
        final List<ExtractionProblem> problems = new ArrayList<>();
        final List<EmbeddedDocument> embedded = new ArrayList<>();
        long charsLeft = limits.maxCharsPerMail();
        boolean mailLimitReported;
        boolean depthLimitReported;
        int unnamed;

        Walk(Deadline deadline) {
            this.deadline = deadline;
        }

        /**
         * Reads the parts depth first in document order, as a recursion would, but from an explicit stack: a
         * mail of thousands of nested multiparts cannot overflow the thread's stack, and parts deeper than
         * {@link ExtractionLimits#maxMimeDepth()} are not read (a limit problem).
         */
        void walk(MimeMessage root) {
            Deque<Pending> todo = new ArrayDeque<>();
            todo.push(new Pending(root, "", 0, 0, true));
            while (!todo.isEmpty()) {
                Pending next = todo.pop();
                if (next.isMail) {
                    subject(next.part, next.prefix);
                }
                part(next, todo);
            }
        }

        private void subject(Part message, String prefix) {
            try {
                String[] raw = message.getHeader("Subject");
                String subject = raw == null || raw.length == 0 ? null : TextDecoding.decodeHeader(raw[0]);
                if (subject != null && !subject.isBlank()) {
                    text(prefix + "subject", subject);
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.info("Unreadable subject: {}", e.toString());
                problem(prefix + "subject", ExtractionProblem.Kind.CORRUPT, "unreadable subject: " + ProblemWords.of(e));
            }
        }

        /** Reads one part; the parts inside it go on {@code todo}. */
        private void part(Pending pending, Deque<Pending> todo) {
            Part part = pending.part;
            String prefix = pending.prefix;
            String type = "application/octet-stream";
            try {
                type = baseType(part);
                if (type.startsWith("multipart/")) {
                    if (boundaryMissing(part)) {
                        // javax.mail guesses one from the first "--" line and its parts are read below, but the
                        // recipient's mail program may see something else: a person should look at it
                        problem(prefix + "part:" + type, ExtractionProblem.Kind.CORRUPT,
                            "malformed MIME structure: multipart without a boundary parameter");
                    }
                    if (tooDeep(pending, prefix + "part:" + type)) {
                        return;
                    }
                    Multipart mp = multipart(part);
                    List<Pending> children = new ArrayList<>();
                    for (int i = 0; i < mp.getCount(); i++) {
                        children.add(new Pending(mp.getBodyPart(i), prefix, pending.mimeDepth + 1, pending.mailDepth, false));
                    }
                    for (int i = children.size() - 1; i >= 0; i--) {
                        todo.push(children.get(i));
                    }
                    return;
                }
                String fileName = AttachmentNames.of(part);
                String disposition = disposition(part);
                boolean attachment = fileName != null || Part.ATTACHMENT.equalsIgnoreCase(disposition);
                if (type.equals("message/rfc822")) {
                    String name = fileName != null ? fileName : "message-" + (++unnamed) + ".eml";
                    if (fileName != null) {
                        text(prefix + "attachment-name:" + name, name);
                    }
                    String inner = prefix + "attachment:" + name + "!/";
                    if (pending.mailDepth + 1 > limits.maxArchiveDepth()) {
                        problem(prefix + "attachment:" + name, ExtractionProblem.Kind.LIMIT,
                            "attached mail nested deeper than " + limits.maxArchiveDepth() + " levels");
                        return;
                    }
                    if (tooDeep(pending, prefix + "attachment:" + name)) {
                        return;
                    }
                    MimeMessage nested;
                    try (InputStream in = messageStream(part)) {
                        nested = new MimeMessage(session, in);
                    }
                    todo.push(new Pending(nested, inner, pending.mimeDepth + 1, pending.mailDepth + 1, true));
                    return;
                }
                if (!attachment && type.startsWith("text/")) {
                    String location = prefix + "body:" + type;
                    byte[] bytes = readBody(part, location);
                    if (bytes == null) {
                        return;
                    }
                    String text = TextDecoding.decode(bytes, charset(part));
                    if (type.equals("text/html")) {
                        text = htmlToText(text, location);
                    }
                    text(location, text);
                    return;
                }
                String name = fileName != null ? fileName : "unnamed-" + (++unnamed) + "." + subtype(type);
                if (fileName != null) {
                    text(prefix + "attachment-name:" + name, name);
                }
                attachmentContent(part, type, name, prefix + "attachment:" + name);
            } catch (MessagingException | IOException | RuntimeException e) {
                LOG.info("Unreadable MIME part {}: {}", prefix + "part:" + type, TikaAttachmentParser.describe(e));
                String words = ProblemWords.of(e);
                problem(prefix + "part:" + type, ExtractionProblem.Kind.CORRUPT,
                    words.startsWith("malformed MIME") ? words : "unreadable MIME part: " + words);
            }
        }

        /** Whether the parts inside this one would be nested deeper than allowed (said once per mail). */
        private boolean tooDeep(Pending pending, String location) {
            if (pending.mimeDepth + 1 <= limits.maxMimeDepth()) {
                return false;
            }
            if (!depthLimitReported) {
                depthLimitReported = true;
                problem(location, ExtractionProblem.Kind.LIMIT, "MIME structure nested deeper than "
                    + limits.maxMimeDepth() + " levels; the parts inside were not inspected");
            }
            return true;
        }

        /** The text of an HTML body, parsed under the mail's deadline; null (and a problem) when it runs out. */
        private String htmlToText(String html, String location) {
            try {
                return MailTextExtractor.htmlToText(html, deadline);
            } catch (RuntimeException e) {
                if (!deadline.isExpired()) {
                    throw e;
                }
                problem(location, ExtractionProblem.Kind.TIMEOUT, "time limit for the mail reached while reading the HTML");
                return null;
            }
        }

        private void attachmentContent(Part part, String type, String name, String location)
            throws MessagingException {
            byte[] bytes = read(part, location);
            if (bytes == null) {
                return;
            }
            if (bytes.length == 0) {
                return;
            }
            if (location.contains("!/")) { // attached to an attached mail: the attachment policy sees it only here
                judgeable(bytes, name, location);
            }
            if (type.equals("text/plain") && !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                text(location, TextDecoding.decode(bytes, charset(part)));
                return;
            }
            if (charsLeft <= 0) {
                problem(location, ExtractionProblem.Kind.LIMIT, "mail text limit reached; not inspected");
                return;
            }
            if (deadline.isExpired()) {
                problem(location, ExtractionProblem.Kind.TIMEOUT, "time limit for the mail reached; not inspected");
                return;
            }
            String declaredCharset = charset(part);
            // the declared charset decides how a text attachment reads: part of the cache key
            String key = declaredCharset == null ? sha256(bytes) : sha256(bytes) + ";" + declaredCharset.trim().toLowerCase(Locale.ROOT);
            ParsedAttachment parsed = cache.get(key);
            if (parsed == null) {
                long charLimit = Math.min(limits.maxCharsPerAttachment(), charsLeft);
                parsed = parseWithTimeout(bytes, name, declaredCharset, charLimit);
                if (parsed == null) {
                    problem(location, ExtractionProblem.Kind.TIMEOUT, "time limit for the mail reached while parsing");
                    return;
                }
                cache.put(key, parsed);
            }
            for (ParsedAttachment.Piece piece : parsed.pieces) {
                String loc = piece.path.isEmpty() ? location : location + "!/" + piece.path;
                if (piece.name) {
                    text(locationOfName(location, piece.path), piece.text);
                } else {
                    text(loc, piece.text);
                }
            }
            for (ParsedAttachment.Problem p : parsed.problems) {
                String loc = p.path.isEmpty() ? location : location + "!/" + p.path;
                problem(loc, p.kind, p.message);
            }
            for (ParsedAttachment.Embedded e : parsed.embedded) {
                embedded.add(new EmbeddedDocument(location + "!/" + e.path, e.facts));
            }
        }

        /** Hands what a file's bytes reveal to the attachment policy, as for an archive entry. */
        private void judgeable(byte[] bytes, String name, String location) {
            try {
                embedded.add(new EmbeddedDocument(location, tika.facts(bytes, name)));
            } catch (IOException | RuntimeException e) {
                problem(location, ExtractionProblem.Kind.CORRUPT, "type not detectable: " + ProblemWords.of(e));
            }
        }

        private String locationOfName(String attachmentLocation, String path) {
            // attachment:a.zip + dir/x.docx -> attachment-name:a.zip!/dir/x.docx
            String base = attachmentLocation;
            int at = base.lastIndexOf("attachment:");
            return base.substring(0, at) + "attachment-name:" + base.substring(at + "attachment:".length()) + "!/" + path;
        }

        private ParsedAttachment parseWithTimeout(byte[] bytes, String name, String declaredCharset, long charLimit) {
            try {
                Optional<ParsedAttachment> parsed =
                    parsers.run(() -> tika.parse(bytes, name, declaredCharset, charLimit, deadline), deadline);
                return parsed.orElse(null);
            } catch (ExecutionException e) {
                List<ParsedAttachment.Problem> problems = new ArrayList<>();
                LOG.info("Could not parse {}: {}", name, TikaAttachmentParser.describe(e.getCause()));
                problems.add(new ParsedAttachment.Problem("", TikaAttachmentParser.classify(e.getCause()),
                    ProblemWords.of(e.getCause())));
                return new ParsedAttachment(new ArrayList<>(), problems, false);
            }
        }

        /** A text body's bytes, at most {@link ExtractionLimits#maxBodyBytes()} of them (then a limit problem). */
        private byte[] readBody(Part part, String location) throws MessagingException {
            try (InputStream in = part.getInputStream()) {
                long cap = limits.maxBodyBytes();
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
                if (bytes.length > cap) {
                    problem(location, ExtractionProblem.Kind.LIMIT, "body larger than " + cap
                        + " bytes; only the first " + cap + " bytes were inspected");
                    return Arrays.copyOf(bytes, (int) cap);
                }
                return bytes;
            } catch (IOException e) {
                LOG.info("Cannot decode {}: {}", location, TikaAttachmentParser.describe(e));
                problem(location, ExtractionProblem.Kind.CORRUPT, "cannot decode content: " + ProblemWords.of(e));
                return null;
            }
        }

        private byte[] read(Part part, String location) throws MessagingException {
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = TikaAttachmentParser.readCapped(in, limits.maxAttachmentBytes());
                if (bytes == null) {
                    problem(location, ExtractionProblem.Kind.LIMIT,
                        "larger than " + limits.maxAttachmentBytes() + " bytes; not inspected");
                }
                return bytes;
            } catch (IOException e) {
                LOG.info("Cannot decode {}: {}", location, TikaAttachmentParser.describe(e));
                problem(location, ExtractionProblem.Kind.CORRUPT, "cannot decode content: " + ProblemWords.of(e));
                return null;
            }
        }

        void text(String location, String text) {
            if (text == null || text.isBlank()) {
                return;
            }
            boolean isName = location.contains("attachment-name:");
            if (!isName) {
                if (charsLeft <= 0) {
                    reportMailLimit(location);
                    return;
                }
                if (text.length() > charsLeft) {
                    text = text.substring(0, (int) charsLeft);
                    reportMailLimit(location);
                }
                charsLeft -= text.length();
            }
            segments.add(TextSegment.of(location, text));
        }

        private void reportMailLimit(String location) {
            if (!mailLimitReported) {
                mailLimitReported = true;
                problem(location, ExtractionProblem.Kind.LIMIT,
                    "mail text limit of " + limits.maxCharsPerMail() + " characters reached; rest not inspected");
            }
        }

        void problem(String location, ExtractionProblem.Kind kind, String message) {
            problems.add(ExtractionProblem.of(location, kind, message));
        }
    }

    /** A part still to be read by a {@link Walk}: where its text goes and how deeply it is nested. */
    private static final class Pending {
        final Part part;
        final String prefix;
        /** multiparts and attached mails around it */
        final int mimeDepth;
        /** attached mails around it */
        final int mailDepth;
        /** a whole mail (the outer one or an attached one): its subject is read too */
        final boolean isMail;

        Pending(Part part, String prefix, int mimeDepth, int mailDepth, boolean isMail) {
            this.part = part;
            this.prefix = prefix;
            this.mimeDepth = mimeDepth;
            this.mailDepth = mailDepth;
            this.isMail = isMail;
        }
    }

    /**
     * The bytes of an attached mail. javax.mail does not undo a base64 / quoted-printable transfer encoding
     * on message/rfc822 parts (forbidden by RFC 2046 but common), so do it here.
     */
    private static InputStream messageStream(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart) {
            MimeBodyPart body = (MimeBodyPart) part;
            String encoding = body.getEncoding();
            if (encoding != null) {
                String e = encoding.trim().toLowerCase(Locale.ROOT);
                if (e.equals("base64") || e.equals("quoted-printable")) {
                    return MimeUtility.decode(body.getRawInputStream(), e);
                }
            }
        }
        return part.getInputStream();
    }

    private static boolean boundaryMissing(Part part) {
        try {
            String boundary = new javax.mail.internet.ContentType(part.getContentType()).getParameter("boundary");
            return boundary == null || boundary.isEmpty();
        } catch (MessagingException | RuntimeException e) {
            return false; // an unparseable Content-Type fails below, with its own problem
        }
    }

    private Multipart multipart(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart) {
            return (Multipart) content;
        }
        return new MimeMultipart(part.getDataHandler().getDataSource());
    }

    static String baseType(Part part) throws MessagingException {
        String ct = part.getContentType();
        if (ct == null) {
            return "text/plain";
        }
        int semi = ct.indexOf(';');
        String plain = (semi >= 0 ? ct.substring(0, semi) : ct).trim();
        if (isPlainMediaType(plain)) {
            return plain.toLowerCase(Locale.ROOT); // the usual "type/subtype; params": no parser needed
        }
        try {
            return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return plain.toLowerCase(Locale.ROOT);
        }
    }

    private static String subtype(String type) {
        int slash = type.indexOf('/');
        String sub = slash >= 0 ? type.substring(slash + 1) : "bin";
        return sub.replaceAll("[^a-z0-9.+-]", "");
    }

    /** {@code type/subtype} made of RFC 2045 token characters only (no comment, quote or space). */
    static boolean isPlainMediaType(String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i != slash && (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static String charset(Part part) {
        try {
            String ct = part.getContentType();
            return ct == null ? null : new ContentType(ct).getParameter("charset");
        } catch (MessagingException e) {
            return null;
        }
    }

    static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    static String htmlToText(String html) {
        return text(Jsoup.parse(html));
    }

    /**
     * {@link #htmlToText(String)} that stops once the deadline passes: the parser reads the HTML through a reader
     * that fails then (a runtime exception comes out of Jsoup).
     */
    static String htmlToText(String html, Deadline deadline) {
        Reader guarded = new FilterReader(new StringReader(html)) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                deadline.check();
                return super.read(buffer, offset, length);
            }

            @Override
            public int read() throws IOException {
                deadline.check();
                return super.read();
            }
        };
        return text(Parser.htmlParser().parseInput(guarded, ""));
    }

    private static String text(Document doc) {
        doc.select("script, style").remove();
        String title = doc.title();
        String body = doc.body() != null ? doc.body().text() : doc.text();
        return title.isBlank() ? body : title + "\n" + body;
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // warm-up documents --------------------------------------------------------------------------------------

    private static byte[] tinyDocx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("warm up");
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] tinyXlsx() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("s").createRow(0).createCell(0).setCellValue("warm up");
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] tinyPdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("warm up");
                cs.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
