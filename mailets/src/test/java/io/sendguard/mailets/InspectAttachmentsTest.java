package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;
import javax.activation.DataHandler;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import io.sendguard.core.content.EmbeddedDocument;
import io.sendguard.core.finding.Finding;
import io.sendguard.matchers.FindingsAttribute;

class InspectAttachmentsTest {
    private static InspectAttachments mailet;

    @BeforeAll
    static void setUp() throws MessagingException {
        mailet = new InspectAttachments();
        mailet.init(FakeMailetConfig.builder().mailetName("InspectAttachments").build());
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

    private static Mail mailWithAttachment(byte[] content, String declaredType, String fileName) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("quote");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attached", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(content, declaredType)));
        attachment.setFileName(fileName);
        MimeMultipart multipart = new MimeMultipart(text, attachment);
        message.setContent(multipart);
        message.saveChanges();
        return FakeMail.builder().name("m1").mimeMessage(message).recipient("a@remote.example").build();
    }

    @Test
    void serviceShouldRecordBlockedTypeAndMismatchWhenExecutableIsNamedPdf() throws Exception {
        Mail mail = mailWithAttachment(windowsExecutable(), "application/pdf", "invoice.pdf");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId)
            .containsExactlyInAnyOrder(InspectAttachments.RULE_BLOCKED_TYPE, InspectAttachments.RULE_TYPE_MISMATCH);
        assertThat(FindingsAttribute.read(mail)).extracting(Finding::location).containsOnly("attachment:invoice.pdf");
    }

    @Test
    void serviceShouldRecordNothingWhenAttachmentIsWhatItsNameSays() throws Exception {
        Mail mail = mailWithAttachment("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv", "list.csv");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).isEmpty();
    }

    @Test
    void serviceShouldDecodeRfc2047FileNames() throws Exception {
        Mail mail = mailWithAttachment(windowsExecutable(), "application/octet-stream", "=?UTF-8?B?6KaL56mN5pu4LmV4ZQ==?=");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::location).contains("attachment:見積書.exe");
    }

    /** A mail whose attachment's file name is written as raw UTF-8 bytes in the header, as some mailers do. */
    static MimeMessage mailWithRawUtf8FileName(String fileName, byte[] content) throws MessagingException {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        raw.writeBytes(("Subject: quote\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nsee attached\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"")
            .getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes(fileName.getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(content) + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    }

    @Test
    void serviceShouldDecodeRawUtf8FileNamesAsInspectContentDoes() throws Exception {
        MimeMessage message = mailWithRawUtf8FileName("見積.exe", windowsExecutable());
        Mail mail = FakeMail.builder().name("m1").mimeMessage(message).recipient("a@remote.example").build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::location).containsOnly("attachment:見積.exe");
    }

    @Test
    void serviceShouldRecordUninspectableWhenMimeIsBroken() throws Exception {
        String raw = "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nno boundary here\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        Mail mail = FakeMail.builder().name("m2").mimeMessage(message).recipient("a@remote.example").build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::category).containsExactly("uninspectable");
    }

    @Test
    void serviceShouldDescribeBrokenBase64InWordsWithoutTheJavaClassName() throws Exception {
        String raw = "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
            + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK!!!@@@\r\nQUJD=QUJD====\r\n--b--\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        Mail mail = FakeMail.builder().name("m3").mimeMessage(message).recipient("a@remote.example").build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::excerpt).containsExactly(
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNINSPECTABLE,
                "attachments could not be read: broken base64 content"));
    }

    @Test
    void initShouldNameTheParameterWhenItIsUnknown() {
        InspectAttachments other = new InspectAttachments();

        assertThatThrownBy(() -> other.init(FakeMailetConfig.builder().mailetName("x").setProperty("blockedTypez", "a/b").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("blockedTypez");
    }

    @Test
    void initShouldNameTheParameterWhenBooleanIsInvalid() {
        InspectAttachments other = new InspectAttachments();

        assertThatThrownBy(() -> other.init(FakeMailetConfig.builder().mailetName("x").setProperty("detectTypeMismatch", "maybe").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("detectTypeMismatch");
    }

    @Test
    void initShouldNameTheParameterWhenMediaTypeIsInvalid() {
        InspectAttachments other = new InspectAttachments();

        assertThatThrownBy(() -> other.init(FakeMailetConfig.builder().mailetName("x").setProperty("blockedTypes", "exe").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("blockedTypes");
    }

    private static byte[] fixture(String name) throws java.io.IOException {
        try (java.io.InputStream in = InspectAttachmentsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    private static InspectAttachments configured(String... params) throws MessagingException {
        InspectAttachments m = new InspectAttachments();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("InspectAttachments");
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        m.init(config.build());
        return m;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"zipcrypto.zip, ZIP (ZipCrypto)", "aes.zip, ZIP (AES)",
        "headers.7z, 7z (encrypted headers)", "qpdf-aes256.pdf, PDF (password)",
        "encrypted-entries.rar, RAR 5 (encrypted files: 1)", "encrypted-headers.rar, RAR 5 (encrypted headers)",
        "encrypted-entries-v4.rar, RAR 4 (encrypted files: 1)", "encrypted-headers-v4.rar, RAR 4 (encrypted headers)"})
    void serviceShouldRecordEncryptedAsHoldByDefaultWhenTheAttachmentIsPasswordProtected(String name, String how) throws Exception {
        Mail mail = mailWithAttachment(fixture(name), "application/octet-stream", name);

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::severity, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_ENCRYPTED,
                io.sendguard.core.finding.Severity.MEDIUM, "attachment:" + name));
        assertThat(FindingsAttribute.read(mail).get(0).excerpt()).contains(how);
    }

    @Test
    void serviceShouldRecordCouldNotInspectNamingTheAttachmentWhenARarIsTruncated() throws Exception {
        Mail mail = mailWithAttachment(fixture("truncated.rar"), "application/x-rar-compressed", "見積.rar");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_CORRUPT, "uninspectable", "attachment:見積.rar"));
        assertThat(FindingsAttribute.read(mail).get(0).excerpt()).startsWith("could not inspect: RAR 5:");
    }

    @Test
    void serviceShouldSayTheContentWasNotReadWhenARarIsInClear() throws Exception {
        // no RAR extractor is bundled (licence): an unencrypted RAR is not a silent pass
        Mail mail = mailWithAttachment(fixture("clear.rar"), "application/x-rar-compressed", "quote.rar");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNSUPPORTED, "uninspectable", "attachment:quote.rar"));
    }

    private static byte[] zip(Object... nameThenBytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry((String) nameThenBytes[i]));
                zip.write((byte[]) nameThenBytes[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void serviceShouldJudgeTheFilesInsideArchivesNamingTheirPathWhenTheExtractionPassRanFirst() throws Exception {
        byte[] inner = zip("setup.exe", windowsExecutable(), "notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        byte[] outer = zip("docs/inner.zip", inner, "docs/secret.zip", fixture("zipcrypto.zip"),
            "docs/old.rar", fixture("encrypted-headers.rar"));
        Mail mail = mailWithAttachment(outer, "application/zip", "outer.zip");
        io.sendguard.core.content.AttachmentTypeDetector detector = new io.sendguard.core.content.AttachmentTypeDetector();
        EmbeddedDocumentsAttribute.write(mail, List.of(
            new EmbeddedDocument("attachment:outer.zip!/docs/inner.zip", detector.inspect(inner, "docs/inner.zip")),
            new EmbeddedDocument("attachment:outer.zip!/docs/inner.zip!/setup.exe", detector.inspect(windowsExecutable(), "setup.exe")),
            new EmbeddedDocument("attachment:outer.zip!/docs/secret.zip", detector.inspect(fixture("zipcrypto.zip"), "docs/secret.zip")),
            new EmbeddedDocument("attachment:outer.zip!/docs/old.rar", detector.inspect(fixture("encrypted-headers.rar"), "docs/old.rar"))));

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_BLOCKED_TYPE, "attachment:outer.zip!/docs/inner.zip!/setup.exe"),
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_ENCRYPTED, "attachment:outer.zip!/docs/secret.zip"),
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_ENCRYPTED, "attachment:outer.zip!/docs/old.rar"));
        assertThat(mail.getAttribute(org.apache.mailet.AttributeName.of(EmbeddedDocumentsAttribute.NAME))).isEmpty();
    }

    @Test
    void serviceShouldRecordUninspectableWhenAClearArchiveArrivesWithoutTheExtractionPass() throws Exception {
        Mail mail = mailWithAttachment(zip("setup.exe", windowsExecutable()), "application/zip", "tools.zip");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNINSPECTABLE, "uninspectable",
                "attachment:tools.zip"));
    }

    @Test
    void serviceShouldFollowTheEncryptedActionWhenItIsConfigured() throws Exception {
        Mail blocked = mailWithAttachment(fixture("aes.zip"), "application/zip", "aes.zip");
        configured("encryptedAction", "block").service(blocked);
        assertThat(FindingsAttribute.read(blocked)).extracting(Finding::severity).containsExactly(io.sendguard.core.finding.Severity.HIGH);

        Mail tagged = mailWithAttachment(fixture("aes.zip"), "application/zip", "aes.zip");
        configured("encryptedAction", "tag").service(tagged);
        assertThat(FindingsAttribute.read(tagged)).extracting(Finding::severity).containsExactly(io.sendguard.core.finding.Severity.INFO);

        Mail off = mailWithAttachment(fixture("aes.zip"), "application/zip", "aes.zip");
        configured("encryptedAction", "off").service(off);
        assertThat(FindingsAttribute.read(off)).isEmpty();
    }

    @Test
    void serviceShouldRecordMacroWhenTheAttachmentIsAMacroEnabledWorkbook() throws Exception {
        Mail mail = mailWithAttachment(fixture("macro.xlsm"), "application/vnd.ms-excel.sheet.macroEnabled.12", "集計.xlsm");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_MACRO, "attachment:集計.xlsm"));
    }

    @Test
    void serviceShouldRecordDiskImageAsBlockedByDefaultWhenTheAttachmentIsAnIso() throws Exception {
        byte[] iso = new byte[0x9000];
        iso[0x8000] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 0x8001, 5);
        Mail mail = mailWithAttachment(iso, "application/octet-stream", "invoice.iso");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::severity)
            .contains(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_DISK_IMAGE, io.sendguard.core.finding.Severity.HIGH));
    }

    @Test
    void serviceShouldNeverFlagAnAllowedTypeWhenItIsInTheAllowList() throws Exception {
        Mail mail = mailWithAttachment(fixture("macro.xlsm"), "application/octet-stream", "集計.xlsm");

        configured("allowedTypes", "application/vnd.ms-excel.sheet.macroenabled.12").service(mail);

        assertThat(FindingsAttribute.read(mail)).isEmpty();
    }

    /** The first bytes of a PNG: signature and IHDR chunk of a 1x1 image. */
    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
            0, 0, 0, 1, 8, 2, 0, 0, 0, (byte) 0x90, 0x77, 0x53, (byte) 0xDE};
    }

    /** The first bytes of a JPEG (JFIF). */
    static byte[] jpeg() {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1,
            0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9};
    }

    @Test
    void serviceShouldRecordUnsupportedWhenAnLzhArchiveStoresTextNobodyReads() throws Exception {
        Mail mail = mailWithAttachment(fixture("confidential.lzh"), "application/octet-stream", "価格.lzh");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category, Finding::severity, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNSUPPORTED, "uninspectable",
                io.sendguard.core.finding.Severity.HIGH, "attachment:価格.lzh"));
        assertThat(FindingsAttribute.read(mail).get(0).excerpt())
            .isEqualTo("could not inspect: files of type application/x-lharc are not read (only text, documents, mails and"
                + " ZIP, 7z, tar or gzip archives are), so a person has to check it");
    }

    @Test
    void serviceShouldRecordUnsupportedWhenTheTypeIsArjCabOrUnknownBinary() throws Exception {
        byte[] arj = new byte[64];
        arj[0] = 0x60;
        arj[1] = (byte) 0xEA;
        arj[2] = 30;
        arj[10] = 2;
        byte[] cab = new byte[64];
        System.arraycopy("MSCF".getBytes(StandardCharsets.US_ASCII), 0, cab, 0, 4);
        cab[24] = 3;
        cab[25] = 1;
        for (Object[] file : new Object[][] {{arj, "old.arj"}, {cab, "setup.cab"}, {new byte[] {0, 1, 2, 3, (byte) 0xFE, 0, 7}, "data.bin"}}) {
            Mail mail = mailWithAttachment((byte[]) file[0], "application/octet-stream", (String) file[1]);

            mailet.service(mail);

            assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location).as((String) file[1])
                .containsExactly(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNSUPPORTED, "attachment:" + file[1]));
        }
    }

    @Test
    void serviceShouldRecordNothingWhenTheAttachmentIsAnImageWithNothingToRead() throws Exception {
        Mail withPng = mailWithAttachment(png(), "image/png", "screenshot.png");
        Mail withJpeg = mailWithAttachment(jpeg(), "image/jpeg", "photo.jpg");

        mailet.service(withPng);
        mailet.service(withJpeg);

        assertThat(FindingsAttribute.read(withPng)).isEmpty();
        assertThat(FindingsAttribute.read(withJpeg)).isEmpty();
    }

    @Test
    void serviceShouldRecordUnsupportedWhenImagesAreNotInTheConfiguredUnreadTypes() throws Exception {
        Mail mail = mailWithAttachment(png(), "image/png", "screenshot.png");

        configured("unreadTypes", "audio/*").service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId).containsExactly(InspectAttachments.RULE_UNSUPPORTED);
    }

    @Test
    void serviceShouldLetAnUnreadTypeThroughWhenItIsConfiguredAsUnreadOrAllowed() throws Exception {
        Mail unread = mailWithAttachment(fixture("confidential.lzh"), "application/octet-stream", "価格.lzh");
        Mail allowed = mailWithAttachment(fixture("confidential.lzh"), "application/octet-stream", "価格.lzh");

        configured("unreadTypes", "application/x-lharc").service(unread);
        configured("allowedTypes", "application/x-lharc").service(allowed);

        assertThat(FindingsAttribute.read(unread)).isEmpty();
        assertThat(FindingsAttribute.read(allowed)).isEmpty();
    }

    @Test
    void serviceShouldStillBlockAnExecutableWhenUnknownBinaryDataIsConfiguredToPassUnread() throws Exception {
        // application/octet-stream is the supertype of every binary type: listed, it means unknown bytes only
        Mail mail = mailWithAttachment(windowsExecutable(), "application/octet-stream", "tool.exe");

        configured("unreadTypes", "application/octet-stream", "allowedTypes", "application/octet-stream").service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId).containsExactly(InspectAttachments.RULE_BLOCKED_TYPE);
    }

    @Test
    void serviceShouldRecordUnsupportedNamingThePathWhenAnLzhIsInsideAZip() throws Exception {
        byte[] lzh = fixture("confidential.lzh");
        Mail mail = mailWithAttachment(zip("docs/価格.lzh", lzh), "application/zip", "docs.zip");
        EmbeddedDocumentsAttribute.write(mail, List.of(new EmbeddedDocument("attachment:docs.zip!/docs/価格.lzh",
            new io.sendguard.core.content.AttachmentTypeDetector().inspect(lzh, "docs/価格.lzh"))));

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location).containsExactly(
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNSUPPORTED, "attachment:docs.zip!/docs/価格.lzh"));
    }

    @Test
    void serviceShouldJudgeTheWholeMessageWhenItsBodyIsOneFileWithoutMultipart() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("quote");
        message.setDataHandler(new DataHandler(new ByteArrayDataSource(fixture("confidential.lzh"), "application/octet-stream")));
        message.setFileName("価格.lzh");
        message.saveChanges();
        Mail mail = FakeMail.builder().name("m1").mimeMessage(message).recipient("a@remote.example").build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location).containsExactly(
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_UNSUPPORTED, "attachment:価格.lzh"));
    }

    @Test
    void serviceShouldLetAnSmimeSignaturePassButCallAnSmimeEncryptedFileEncrypted() throws Exception {
        // both are detected as application/pkcs7-signature; made with openssl smime -sign / -encrypt -outform DER
        Mail signed = mailWithAttachment(fixture("smime-signed.p7s"), "application/pkcs7-signature", "smime.p7s");
        Mail encrypted = mailWithAttachment(fixture("smime-encrypted.p7m"), "application/pkcs7-mime", "smime.p7m");

        mailet.service(signed);
        mailet.service(encrypted);

        assertThat(FindingsAttribute.read(signed)).isEmpty();
        assertThat(FindingsAttribute.read(encrypted)).extracting(Finding::ruleId, Finding::excerpt).containsExactly(
            org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_ENCRYPTED,
                "encrypted: S/MIME (encrypted) (password-protected attachments cannot be inspected)"));
    }

    @Test
    void initShouldNameTheParameterWhenAnUnreadTypeIsInvalid() {
        assertThatThrownBy(() -> configured("unreadTypes", "image")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("unreadTypes");
    }

    @Test
    void serviceShouldRecordLimitsWhenAnAttachmentTheMailOrTheCountIsOverALimit() throws Exception {
        // text bytes: unknown binary data would also be inspection.unsupported, which is not what this test is about
        Mail mail = mailWithAttachment("0123456789".repeat(300).getBytes(StandardCharsets.US_ASCII), "application/octet-stream", "data.bin");
        ((FakeMail) mail).setMessageSize(5000);

        configured("maxAttachmentSize", "2K", "maxMailSize", "4K", "maxAttachments", "0").service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_LIMIT, "attachment:data.bin"),
                org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_LIMIT, "message"));

        Mail two = mailWithAttachment("0123456789".getBytes(StandardCharsets.US_ASCII), "application/octet-stream", "data.bin");
        configured("maxAttachments", "0").service(two);
        assertThat(FindingsAttribute.read(two)).isEmpty();
        configured("maxAttachments", "1", "limitAction", "block").service(two);
        assertThat(FindingsAttribute.read(two)).isEmpty();
    }

    @Test
    void initShouldNameTheParameterWhenAnActionOrSizeIsInvalid() {
        assertThatThrownBy(() -> configured("encryptedAction", "quarantine")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("encryptedAction");
        assertThatThrownBy(() -> configured("maxAttachmentSize", "10X")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("maxAttachmentSize");
        assertThatThrownBy(() -> configured("allowedTypes", "not a type")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("allowedTypes");
    }

    @Test
    void serviceShouldHoldForReviewAMailNestedTooDeeplyToListItsAttachments() throws Exception {
        Mail mail = FakeMail.builder().name("m1").mimeMessage(MimeAttachmentsTest.nested(2_500)).recipient("a@remote.example").build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("inspection.limit");
            assertThat(f.category()).isEqualTo("uninspectable");
            assertThat(f.excerpt()).isEqualTo("MIME structure nested deeper than 100 levels; the attachments inside were not checked");
        });
    }

    @Test
    void serviceShouldTurnAnErrorIntoAFindingInsteadOfThrowingIt() throws Exception {
        Mail mail = FakeMail.builder().name("m1").mimeMessage(MimeAttachmentsTest.overflowing()).recipient("a@remote.example").build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("inspection.failed");
            assertThat(f.category()).isEqualTo("uninspectable");
            assertThat(f.excerpt()).isEqualTo("attachments could not be read: the structure of the mail is nested too deeply");
        });
    }
}
