package io.sendguard.inspection.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.inspection.keyword.KeywordDictionary;
import io.sendguard.inspection.keyword.KeywordScanner;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import io.sendguard.core.content.EmbeddedDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MailTextExtractorTest {
    static MailTextExtractor extractor;
    static KeywordScanner scanner;

    @BeforeAll
    static void setUp() throws Exception {
        extractor = new MailTextExtractor();
        extractor.warmUp();
        scanner = new KeywordScanner(KeywordDictionary.parse("test.dict", new StringReader(
            "[category=confidential severity=high]\n社外秘\nconfidential\n")));
    }

    @AfterAll
    static void tearDown() {
        extractor.close();
    }

    private static List<Finding> findings(ExtractionResult result) {
        return scanner.scan(result.segments());
    }

    private static byte[] bytes(String s, String charset) {
        return s.getBytes(Charset.forName(charset));
    }

    @Test
    void extractShouldFindKeywordInIso2022JpBodyWhenCharsetDeclared() {
        byte[] mail = new Fixtures.RawMail()
            .header("Subject: " + Fixtures.encodedWord("見積書の送付", "ISO-2022-JP"))
            .body("text/plain; charset=ISO-2022-JP", bytes("お世話になります。\r\nこの資料は社外秘です。\r\n", "ISO-2022-JP"))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.segment("subject")).get().extracting(TextSegment::text).isEqualTo("見積書の送付");
        assertThat(findings(result)).extracting(Finding::location).containsExactly("body:text/plain");
        assertThat(findings(result).get(0).excerpt()).contains("資料は社外秘です");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void extractShouldDecodeSubjectSplitAcrossIso2022JpEncodedWords() {
        byte[] mail = new Fixtures.RawMail()
            .header("Subject: " + Fixtures.encodedWord("【社外", "ISO-2022-JP") + "\r\n " + Fixtures.encodedWord("秘】報告", "ISO-2022-JP"))
            .body("text/plain; charset=us-ascii", bytes("hello", "US-ASCII"))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.segment("subject").get().text()).isEqualTo("【社外秘】報告");
        assertThat(findings(result)).extracting(Finding::location).containsExactly("subject");
    }

    @Test
    void extractShouldDecodeRawSubjectsWithoutEncodedWords() {
        for (String charset : new String[] {"UTF-8", "windows-31j", "EUC-JP", "ISO-2022-JP"}) {
            String raw = new String(bytes("【社外秘】報告", charset), StandardCharsets.ISO_8859_1);
            byte[] mail = new Fixtures.RawMail()
                .header("Subject: " + raw)
                .body("text/plain; charset=us-ascii", bytes("hello", "US-ASCII"))
                .build();
            ExtractionResult result = extractor.extract(mail);
            assertThat(result.segment("subject").get().text()).as(charset).isEqualTo("【社外秘】報告");
            assertThat(findings(result)).as(charset).extracting(Finding::location).containsExactly("subject");
        }
    }

    @Test
    void extractShouldFindKeywordInShiftJisBody() {
        byte[] mail = new Fixtures.RawMail()
            .body("text/plain; charset=Shift_JIS", bytes("①社外秘の資料です（ＮＥＣ特殊文字入り）", "windows-31j"))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.segment("body:text/plain").get().text()).startsWith("①社外秘");
        assertThat(findings(result)).hasSize(1);
    }

    @Test
    void extractShouldFindKeywordInEucJpBody() {
        byte[] mail = new Fixtures.RawMail()
            .body("text/plain; charset=EUC-JP", bytes("本件は社外秘扱いでお願いします", "EUC-JP"))
            .build();
        assertThat(findings(extractor.extract(mail))).extracting(Finding::location).containsExactly("body:text/plain");
    }

    @Test
    void extractShouldDetectCharsetWhenLabelMissingOrWrong() {
        byte[] unlabeled = new Fixtures.RawMail()
            .body("text/plain", bytes("この資料は社外秘です。取り扱いに注意してください。", "windows-31j"))
            .build();
        assertThat(findings(extractor.extract(unlabeled))).hasSize(1);
        byte[] mislabeled = new Fixtures.RawMail()
            .body("text/plain; charset=iso-8859-1", bytes("この資料は社外秘です。よろしくお願いします。", "UTF-8"))
            .build();
        assertThat(findings(extractor.extract(mislabeled))).hasSize(1);
        byte[] wrongJapanese = new Fixtures.RawMail()
            .body("text/plain; charset=utf-8", bytes("この資料は社外秘です。よろしくお願いします。", "EUC-JP"))
            .build();
        assertThat(findings(extractor.extract(wrongJapanese))).hasSize(1);
    }

    @Test
    void extractShouldFindFullWidthAndSpacedKeywords() {
        byte[] mail = new Fixtures.RawMail()
            .textPart("text/plain; charset=UTF-8", bytes("ＣＯＮＦＩＤＥＮＴＩＡＬ", "UTF-8"))
            .textPart("text/plain; charset=UTF-8", bytes("この書類は　社　外　秘　です", "UTF-8"))
            .build();
        List<Finding> findings = findings(extractor.extract(mail));
        assertThat(findings).hasSize(2);
        assertThat(findings).extracting(Finding::excerpt).anySatisfy(e -> assertThat(e).contains("ＣＯＮＦＩＤＥＮＴＩＡＬ"));
        assertThat(findings).extracting(Finding::excerpt).anySatisfy(e -> assertThat(e).contains("社 外 秘"));
    }

    @Test
    void extractShouldConvertHtmlPartToText() {
        byte[] mail = new Fixtures.RawMail()
            .textPart("text/html; charset=ISO-2022-JP",
                bytes("<html><head><style>p{color:red}</style></head><body><p>資料は<b>社外</b>秘です</p></body></html>", "ISO-2022-JP"))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.segment("body:text/html").get().text()).doesNotContain("<p>").doesNotContain("color");
        assertThat(findings(result)).extracting(Finding::location).containsExactly("body:text/html");
    }

    @Test
    void extractShouldReportAttachmentNamesInRfc2231AndRfc2047() throws Exception {
        String rfc2231 = "filename*=UTF-8''" + URLEncoder.encode("【社外秘】見積書.xlsx", StandardCharsets.UTF_8).replace("+", "%20");
        String rfc2047 = "filename=\"" + Fixtures.encodedWord("社外秘_議事録.docx", "ISO-2022-JP") + "\"";
        byte[] mail = new Fixtures.RawMail()
            .textPart("text/plain; charset=UTF-8", bytes("添付します", "UTF-8"))
            .attachment("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rfc2231, Fixtures.xlsx("数量 10"))
            .attachment("application/octet-stream", rfc2047, Fixtures.docx("議事録"))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(findings(result)).extracting(Finding::location).containsExactly(
            "attachment-name:【社外秘】見積書.xlsx", "attachment-name:社外秘_議事録.docx");
        assertThat(result.segment("attachment:【社外秘】見積書.xlsx").get().text()).contains("数量 10");
    }

    @Test
    void extractShouldDecodeShortJapaneseCsvAttachmentsInTheirDeclaredCharset() {
        String csv = "id,note\n1,極秘案件\n";
        String[][] cases = {
            {"text/csv; charset=Shift_JIS", "windows-31j"},
            {"text/csv; charset=EUC-JP", "EUC-JP"},
            {"text/plain; charset=Shift_JIS", "windows-31j"},
            {"text/csv; charset=UTF-8", "UTF-8"},
        };
        for (String[] c : cases) {
            byte[] mail = new Fixtures.RawMail()
                .textPart("text/plain; charset=UTF-8", bytes("添付します", "UTF-8"))
                .attachment(c[0], "filename=\"list.csv\"", bytes(csv, c[1]))
                .build();
            ExtractionResult result = extractor.extract(mail);
            assertThat(result.problems()).as(c[0]).isEmpty();
            assertThat(result.segment("attachment:list.csv")).as(c[0]).get().extracting(TextSegment::text)
                .satisfies(t -> assertThat(t).as(c[0]).contains("極秘案件"));
        }
    }

    @Test
    void extractShouldDetectTheCharsetOfShortJapaneseCsvAttachmentsWithoutALabel() {
        String csv = "id,note\n1,極秘案件\n";
        for (String charset : new String[] {"windows-31j", "EUC-JP", "UTF-8"}) {
            for (String type : new String[] {"text/csv", "application/octet-stream"}) {
                byte[] mail = new Fixtures.RawMail()
                    .attachment(type, "filename=\"list.csv\"", bytes(csv, charset))
                    .build();
                ExtractionResult result = extractor.extract(mail);
                assertThat(result.segment("attachment:list.csv")).as(charset + " " + type).get()
                    .extracting(TextSegment::text).satisfies(t -> assertThat(t).as(charset + " " + type).contains("極秘案件"));
            }
        }
    }

    @Test
    void extractShouldFindKeywordInsideDocxXlsxAndPdf() throws Exception {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/octet-stream", "filename=\"report.docx\"", Fixtures.docx("この報告書は社外秘です"))
            .attachment("application/octet-stream", "filename=\"book.xlsx\"", Fixtures.xlsx("社外秘 単価表"))
            .attachment("application/pdf", "filename=\"spec.pdf\"", Fixtures.pdf("This document is CONFIDENTIAL.", false))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).isEmpty();
        assertThat(findings(result)).extracting(Finding::location).containsExactly(
            "attachment:report.docx", "attachment:book.xlsx", "attachment:spec.pdf");
    }

    @Test
    void extractShouldNameThePathInsideTheArchiveForDocxInZip() throws Exception {
        byte[] inner = Fixtures.zip(Fixtures.entries("deep/note.txt", bytes("another 社外秘 note", "UTF-8")));
        byte[] zip = Fixtures.zip(Fixtures.entries(
            "dir/report.docx", Fixtures.docx("四半期報告 社外秘"),
            "readme.txt", bytes("nothing here", "UTF-8"),
            "inner.zip", inner));
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/zip", "filename=\"archive.zip\"", zip)
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).isEmpty();
        assertThat(findings(result)).extracting(Finding::location).containsExactlyInAnyOrder(
            "attachment:archive.zip!/dir/report.docx", "attachment:archive.zip!/inner.zip!/deep/note.txt");
        assertThat(result.segments()).extracting(TextSegment::location).contains("attachment-name:archive.zip!/dir/report.docx");
    }

    static byte[] windowsExecutable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x84] = 0x4c;
        exe[0x85] = 0x01;
        return exe;
    }

    private static EmbeddedDocument embedded(ExtractionResult result, String location) {
        return result.embeddedDocuments().stream().filter(d -> d.location().equals(location)).findFirst()
            .orElseThrow(() -> new AssertionError(location + " not in " + result.embeddedDocuments()));
    }

    @Test
    void extractShouldRecordTheFactsOfEveryArchiveEntryAtItsNestedPath() throws Exception {
        byte[] inner = Fixtures.zip(Fixtures.entries("setup.exe", windowsExecutable(), "invoice.pdf", windowsExecutable()));
        byte[] outer = Fixtures.zip(Fixtures.entries(
            "docs/inner.zip", inner,
            "docs/secret.zip", Fixtures.encryptedZip("a.txt", bytes("社外秘", "UTF-8")),
            "readme.txt", bytes("nothing here", "UTF-8")));
        byte[] mail = new Fixtures.RawMail().attachment("application/zip", "filename=\"outer.zip\"", outer).build();

        ExtractionResult result = extractor.extract(mail);

        assertThat(result.embeddedDocuments()).extracting(EmbeddedDocument::location).containsExactlyInAnyOrder(
            "attachment:outer.zip!/docs/inner.zip", "attachment:outer.zip!/docs/inner.zip!/setup.exe",
            "attachment:outer.zip!/docs/inner.zip!/invoice.pdf", "attachment:outer.zip!/docs/secret.zip",
            "attachment:outer.zip!/readme.txt");
        assertThat(embedded(result, "attachment:outer.zip!/docs/inner.zip!/setup.exe").facts().type().trueType())
            .isEqualTo("application/x-msdownload");
        assertThat(embedded(result, "attachment:outer.zip!/docs/inner.zip!/invoice.pdf").facts().type().mismatch()).isTrue();
        assertThat(embedded(result, "attachment:outer.zip!/docs/secret.zip").facts().encryption()).contains("ZIP (ZipCrypto)");
        assertThat(embedded(result, "attachment:outer.zip!/readme.txt").facts().encryption()).isEmpty();
    }

    @Test
    void extractShouldRecordTheFactsOfTheFilesAttachedToAnAttachedMail() throws Exception {
        // the attachment policy sees only the outer .eml: the files inside it must reach it as embedded documents
        byte[] inner = new Fixtures.RawMail().header("Subject: fwd")
            .attachment("application/octet-stream", "filename=\"setup.exe\"", windowsExecutable())
            .attachment("text/plain", "filename=\"memo.txt\"", bytes("議事録", "UTF-8")).build();
        byte[] mail = new Fixtures.RawMail().attachment("message/rfc822", "filename=\"fwd.eml\"", inner).build();

        ExtractionResult result = extractor.extract(mail);

        assertThat(embedded(result, "attachment:fwd.eml!/attachment:setup.exe").facts().type().trueType())
            .isEqualTo("application/x-msdownload");
        assertThat(embedded(result, "attachment:fwd.eml!/attachment:memo.txt").facts().type().trueType()).isEqualTo("text/plain");
    }

    @Test
    void extractShouldRecordTheFactsOfTheFilesAttachedToAMailInsideAnArchive() throws Exception {
        byte[] inner = new Fixtures.RawMail().header("Subject: fwd")
            .attachment("application/octet-stream", "filename=\"setup.exe\"", windowsExecutable()).build();
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/zip", "filename=\"mails.zip\"", Fixtures.zip(Fixtures.entries("fwd.eml", inner))).build();

        ExtractionResult result = extractor.extract(mail);

        assertThat(result.embeddedDocuments()).anySatisfy(d -> {
            assertThat(d.location()).startsWith("attachment:mails.zip!/fwd.eml!/").endsWith("setup.exe");
            assertThat(d.facts().type().trueType()).isEqualTo("application/x-msdownload");
        });
    }

    @Test
    void extractShouldRecordNoEmbeddedDocumentsForThePartsOfAnOfficeFile() throws Exception {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "filename=\"a.docx\"",
                Fixtures.docx("本文"))
            .build();

        assertThat(extractor.extract(mail).embeddedDocuments()).isEmpty();
    }

    @Test
    void extractShouldRecordTheEntriesOfATarGz() throws Exception {
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream out =
                 new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(tar)) {
            byte[] exe = windowsExecutable();
            org.apache.commons.compress.archivers.tar.TarArchiveEntry entry =
                new org.apache.commons.compress.archivers.tar.TarArchiveEntry("bin/tool.exe");
            entry.setSize(exe.length);
            out.putArchiveEntry(entry);
            out.write(exe);
            out.closeArchiveEntry();
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        byte[] mail = new Fixtures.RawMail().attachment("application/gzip", "filename=\"tools.tar.gz\"", gz.toByteArray()).build();

        ExtractionResult result = extractor.extract(mail);

        assertThat(result.embeddedDocuments()).anySatisfy(d -> {
            assertThat(d.location()).startsWith("attachment:tools.tar.gz!/").endsWith("!/bin/tool.exe");
            assertThat(d.facts().type().trueType()).isEqualTo("application/x-msdownload");
        });
    }

    @Test
    void extractShouldReportEncryptedZip() {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/zip", "filename=\"secret.zip\"", Fixtures.encryptedZip("a.txt", bytes("社外秘", "UTF-8")))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).extracting(ExtractionProblem::kind).contains(ExtractionProblem.Kind.ENCRYPTED);
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.location()).startsWith("attachment:secret.zip"));
        Finding f = result.problemFindings().get(0);
        assertThat(f.ruleId()).isEqualTo("inspection.encrypted");
        assertThat(f.category()).isEqualTo("uninspectable");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    /** A Java class name ({@code EncryptedDocumentException}, {@code org.apache.tika...}) or a parser's own wording. */
    private static final java.util.regex.Pattern TECHNICAL = java.util.regex.Pattern.compile(
        "\\w+(Exception|Error)\\b|\\b[a-z]+\\.[a-z]+\\.[a-z]+\\.|BASE64Decoder|Decoder:");

    private static void assertInWords(ExtractionResult result) {
        assertThat(result.problemFindings()).isNotEmpty().allSatisfy(f ->
            assertThat(TECHNICAL.matcher(f.excerpt()).find()).as(f.excerpt()).isFalse());
    }

    @Test
    void extractShouldReportAnEncryptedZipEntryOnceAndInWords() {
        for (boolean dataDescriptor : new boolean[] {false, true}) {
            byte[] mail = new Fixtures.RawMail()
                .attachment("application/zip", "filename=\"secret.zip\"",
                    Fixtures.encryptedZip("mitsumori.txt", bytes("社外秘", "UTF-8"), dataDescriptor))
                .build();
            ExtractionResult result = extractor.extract(mail);
            assertThat(result.problemFindings()).as("data descriptor " + dataDescriptor)
                .extracting(Finding::ruleId, Finding::location, Finding::excerpt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inspection.encrypted", "attachment:secret.zip",
                    "encrypted entry mitsumori.txt"));
        }
    }

    /** A multipart/mixed mail declaring the boundary {@code b1}, with the given raw parts after its header. */
    private static ExtractionResult extractRaw(String parts) {
        String raw = "From: a@example.jp\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" + parts;
        ExtractionResult result = extractor.extract(raw.getBytes(StandardCharsets.US_ASCII));
        assertInWords(result);
        return result;
    }

    @Test
    void extractShouldDescribeBrokenBase64InWords() {
        ExtractionResult result = extractRaw("--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
            + "--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK!!!@@@\r\nQUJD=QUJD====\r\n--b1--\r\n");
        assertThat(result.problemFindings()).extracting(Finding::ruleId, Finding::excerpt).containsExactly(
            org.assertj.core.groups.Tuple.tuple("inspection.corrupt", "cannot decode content: broken base64 content"));
    }

    @Test
    void extractShouldDescribeABoundaryMismatchInWords() {
        ExtractionResult result = extractRaw("--other\r\nContent-Type: text/plain\r\n\r\nhi\r\n--other--\r\n");
        assertThat(result.problemFindings()).extracting(Finding::ruleId, Finding::excerpt).containsExactly(
            org.assertj.core.groups.Tuple.tuple("inspection.corrupt", "malformed MIME structure: missing start boundary"));
    }

    @Test
    void aMultipartWithoutABoundaryParameterShouldBeReadAndStillGetAProblem() {
        String raw = "From: a@example.jp\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
            + "--XX\r\nContent-Type: text/plain\r\n\r\n社外秘 hello\r\n--XX--\r\n";
        ExtractionResult result = extractor.extract(raw.getBytes(StandardCharsets.UTF_8));

        assertThat(result.problemFindings()).extracting(Finding::ruleId, Finding::location, Finding::excerpt).containsExactly(
            org.assertj.core.groups.Tuple.tuple("inspection.corrupt", "part:multipart/mixed",
                "malformed MIME structure: multipart without a boundary parameter"));
        assertThat(result.segments()).anySatisfy(s -> assertThat(s.text()).contains("社外秘 hello"));
        String withBoundary = "From: a@example.jp\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
            + "--XX\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XX--\r\n";
        assertThat(extractor.extract(withBoundary.getBytes(StandardCharsets.UTF_8)).problemFindings()).isEmpty();
    }

    @Test
    void extractShouldDescribeACorruptPdfInWords() {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/pdf", "filename=\"broken.pdf\"", Fixtures.corruptPdf())
            .build();
        assertInWords(extractor.extract(mail));
    }

    @Test
    void extractShouldReportEncryptedPdf() throws Exception {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/pdf", "filename=\"locked.pdf\"", Fixtures.pdf("CONFIDENTIAL", true))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).extracting(ExtractionProblem::kind, ExtractionProblem::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(ExtractionProblem.Kind.ENCRYPTED, "attachment:locked.pdf"));
    }

    @Test
    void extractShouldReadPdfsWithPagesOfLittleOrNoTextWithoutTryingOcr() throws Exception {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/pdf", "filename=\"short.pdf\"", Fixtures.pdfPages("hello"))
            .attachment("application/pdf", "filename=\"scan.pdf\"", Fixtures.pdfPages("This is confidential", ""))
            .attachment("application/pdf", "filename=\"blank.pdf\"", Fixtures.pdfPages(""))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).as(result.toString()).isEmpty();
        assertThat(result.segment("attachment:short.pdf")).get().extracting(TextSegment::text)
            .satisfies(t -> assertThat(t.trim()).isEqualTo("hello"));
        assertThat(findings(result)).extracting(Finding::location).containsExactly("attachment:scan.pdf");
    }

    @Test
    void extractShouldReportCorruptPdf() {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/pdf", "filename=\"broken.pdf\"", Fixtures.corruptPdf())
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).extracting(ExtractionProblem::kind).containsExactly(ExtractionProblem.Kind.CORRUPT);
        assertThat(result.problemFindings()).extracting(Finding::ruleId).containsExactly("inspection.corrupt");
    }

    @Test
    void extractShouldReportZipBombAsLimit() throws Exception {
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/zip", "filename=\"bomb.zip\"", Fixtures.zipBomb(200))
            .build();
        long t0 = System.nanoTime();
        ExtractionResult result = extractor.extract(mail);
        assertThat(result.problems()).extracting(ExtractionProblem::kind).contains(ExtractionProblem.Kind.LIMIT);
        assertThat(result.problems().get(0).location()).isEqualTo("attachment:bomb.zip!/zeros.txt");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void extractShouldReportTimeoutWhenMailBudgetIsExhausted() throws Exception {
        try (MailTextExtractor quick = new MailTextExtractor(ExtractionLimits.builder()
            .maxTimePerMail(java.time.Duration.ofMillis(1)).build())) {
            byte[] mail = new Fixtures.RawMail()
                .attachment("application/pdf", "filename=\"a.pdf\"", Fixtures.pdf("hello", false))
                .attachment("application/pdf", "filename=\"b.pdf\"", Fixtures.pdf("world", false))
                .build();
            Thread.sleep(5);
            ExtractionResult result = quick.extract(mail);
            assertThat(result.problems()).extracting(ExtractionProblem::kind).containsOnly(ExtractionProblem.Kind.TIMEOUT);
            assertThat(result.problems()).extracting(ExtractionProblem::location)
                .containsExactly("attachment:a.pdf", "attachment:b.pdf");
        }
    }

    @Test
    void extractShouldParseTheSameAttachmentOnlyOnce() throws Exception {
        byte[] docx = Fixtures.docx("cache me " + System.nanoTime());
        byte[] mail = new Fixtures.RawMail()
            .attachment("application/octet-stream", "filename=\"x.docx\"", docx)
            .build();
        long before = extractor.cacheHits();
        ExtractionResult first = extractor.extract(mail);
        ExtractionResult second = extractor.extract(mail);
        assertThat(extractor.cacheHits() - before).isEqualTo(1);
        assertThat(second.segments()).isEqualTo(first.segments());
    }

    @Test
    void extractShouldWalkAttachedMail() {
        byte[] inner = new Fixtures.RawMail()
            .header("Subject: " + Fixtures.encodedWord("社外秘の件", "UTF-8"))
            .body("text/plain; charset=UTF-8", bytes("転送します", "UTF-8"))
            .build();
        byte[] mail = new Fixtures.RawMail()
            .textPart("text/plain; charset=UTF-8", bytes("FYI", "UTF-8"))
            .attachment("message/rfc822", "filename=\"fwd.eml\"", inner)
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(findings(result)).as(result.toString()).extracting(Finding::location).containsExactly("attachment:fwd.eml!/subject");
    }

    @Test
    void extractShouldGiveNoFindingsForCleanMail() throws Exception {
        byte[] mail = new Fixtures.RawMail()
            .header("Subject: " + Fixtures.encodedWord("打ち合わせのお礼", "ISO-2022-JP"))
            .textPart("text/plain; charset=ISO-2022-JP", bytes("本日はありがとうございました。", "ISO-2022-JP"))
            .attachment("application/pdf", "filename=\"agenda.pdf\"", Fixtures.pdf("Agenda for Monday", false))
            .build();
        ExtractionResult result = extractor.extract(mail);
        assertThat(findings(result)).isEmpty();
        assertThat(result.problems()).isEmpty();
        assertThat(result.segments()).extracting(TextSegment::location)
            .containsExactly("subject", "body:text/plain", "attachment-name:agenda.pdf", "attachment:agenda.pdf");
    }

    @Test
    void baseTypeShouldReadTheUsualFormWithoutTheParserAndTheRestWithIt() throws Exception {
        assertThat(baseTypeOf("text/plain; charset=UTF-8")).isEqualTo("text/plain");
        assertThat(baseTypeOf("TEXT/HTML")).isEqualTo("text/html");
        assertThat(baseTypeOf("  multipart/mixed;\r\n\tboundary=\"b1\"")).isEqualTo("multipart/mixed");
        assertThat(baseTypeOf("application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=a.docx"))
            .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        // a comment or spaces inside: javax.mail's parser decides, as before
        assertThat(baseTypeOf("text/plain (a comment); charset=us-ascii")).isEqualTo("text/plain");
        assertThat(baseTypeOf("text / plain")).isEqualTo("text/plain");
        assertThat(MailTextExtractor.isPlainMediaType("text/plain")).isTrue();
        assertThat(MailTextExtractor.isPlainMediaType("text/plain (x)")).isFalse();
        assertThat(MailTextExtractor.isPlainMediaType("text/")).isFalse();
        assertThat(MailTextExtractor.isPlainMediaType("/plain")).isFalse();
        assertThat(MailTextExtractor.isPlainMediaType("a/b/c")).isFalse();
    }

    private static String baseTypeOf(String contentType) throws Exception {
        javax.mail.internet.MimeBodyPart part = new javax.mail.internet.MimeBodyPart();
        part.setHeader("Content-Type", contentType);
        return MailTextExtractor.baseType(part);
    }
}
