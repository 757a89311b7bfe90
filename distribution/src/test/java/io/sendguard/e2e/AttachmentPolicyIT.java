package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimeUtility;
import javax.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * The attachment policy (PPAP: encrypted attachments blocked; macros held) and personal-data detection
 * through a real James, with the shipped conf plus: {@code encryptedAction=block} on InspectAttachments,
 * {@code personalDataPolicy} on InspectContent (the sample sendguard-personal-data.properties), and
 * {@code personal-data:high} in the quarantine matcher. The archive and PDF fixtures were made once with
 * zip, 7z and qpdf and are committed: no tool is needed to run this test. The RAR fixtures were built byte by
 * byte from the RAR 4 / RAR 5 format descriptions (core's {@code RarTestArchives}), since no tool here creates
 * RAR files; the nested archives are built here with java.util.zip.
 */
class AttachmentPolicyIT {
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String PASSWORD = "pw-secret";
    static final String BOB = "bob@partner.example";
    static final List<String> stoppedSubjects = new CopyOnWriteArrayList<>();

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        // the shipped pipeline and personal-data policy, with the PPAP policy set to block
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("0")
            .replace("mailetcontainer.xml", "<encryptedAction>hold</encryptedAction>", "<encryptedAction>block</encryptedAction>");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(MANAGER, PASSWORD);
        submission = new Smtp(conf.submissionPort);
    }

    @AfterAll
    static void stopJames() throws Exception {
        try {
            String probe = send("clean.docx", "application/octet-stream", "clean.docx", "議事録です。");
            awaitAtSink(probe);
            assertThat(sink.received()).noneMatch(r -> stoppedSubjects.stream().anyMatch(s -> MailText.readable(r.text()).contains(s)));
        } finally {
            james.stop();
            sink.close();
        }
    }

    private static String send(String fixture, String type, String fileName, String text) throws Exception {
        byte[] bytes = null;
        if (fixture != null) {
            try (InputStream in = AttachmentPolicyIT.class.getResourceAsStream("/fixtures/" + fixture)) {
                bytes = in.readAllBytes();
            }
        }
        return sendBytes(bytes, type, fileName, text);
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = AttachmentPolicyIT.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String sendBytes(byte[] bytes, String type, String fileName, String text) throws Exception {
        String subject = "添付 " + UUID.randomUUID().toString().substring(0, 8);
        MimeMessage message = submission.newMessage();
        message.setFrom(new InternetAddress(ALICE));
        message.setRecipients(Message.RecipientType.TO, BOB);
        message.setSubject(subject, "UTF-8");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        if (bytes == null) {
            message.setContent(new MimeMultipart(body));
        } else {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
            attachment.setFileName(MimeUtility.encodeText(fileName, "UTF-8", "B"));
            message.setContent(new MimeMultipart(body, attachment));
        }
        submission.sendAuthenticated(ALICE, PASSWORD, message, BOB);
        return subject;
    }

    private static String awaitBlockNotice(String subject) {
        stoppedSubjects.add(subject);
        return MailText.readable(new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[送信停止]") && MailText.readable(r).contains(subject)));
    }

    private static String awaitHoldNotice(String subject) {
        stoppedSubjects.add(subject);
        return MailText.readable(new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[送信保留]") && MailText.readable(r).contains(subject)));
    }

    private static SmtpSink.Received awaitAtSink(String subject) {
        return sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({"zipcrypto.zip, ZIP (ZipCrypto)", "aes.zip, ZIP (AES)", "encrypted-headers.7z, 7z (encrypted headers)",
        "password.pdf, PDF (password)", "encrypted-entries.rar, RAR 5 (encrypted files: 1)",
        "encrypted-headers.rar, RAR 5 (encrypted headers)", "encrypted-entries-v4.rar, RAR 4 (encrypted files: 1)",
        "encrypted-headers-v4.rar, RAR 4 (encrypted headers)"})
    void encryptedAttachmentShouldBeBlockedNamingItWhenEncryptedActionIsBlock(String fixture, String how) throws Exception {
        String subject = send(fixture, "application/octet-stream", fixture, "パスワードは別途お送りします。");

        String notice = awaitBlockNotice(subject);

        // the finding in words in both languages, the rule code as a detail
        assertThat(notice).contains("添付ファイル " + fixture + " はパスワードで暗号化されていて、中身を検査できません（" + how + "）",
            "The attachment " + fixture + " is protected by a password, so its content cannot be checked (" + how + ")",
            "attachment.encrypted");
    }

    @Test
    void truncatedRarShouldBeHeldForReviewWithACouldNotInspectFindingNamingIt() throws Exception {
        String subject = send("truncated.rar", "application/x-rar-compressed", "見積.rar", "見積書です。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("添付ファイル 見積.rar は壊れているか読めない形式のため、検査できませんでした（理由: could not inspect: RAR 5:",
            "The attachment 見積.rar is damaged or unreadable and could not be checked", "inspection.corrupt");
        assertThat(held(subject).get("mode")).isEqualTo("APPROVAL");
    }

    @Test
    void unencryptedRarShouldBeHeldForReviewSinceItsFilesCannotBeRead() throws Exception {
        String subject = send("clear.rar", "application/x-rar-compressed", "資料.rar", "資料を送ります。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("添付ファイル 資料.rar は Sendguard が中身を読めない形式（RAR）のため、人の確認が必要です",
            "The attachment 資料.rar is a kind of file Sendguard cannot read (RAR)", "inspection.unsupported");
        assertThat(held(subject).get("mode")).isEqualTo("APPROVAL");
    }

    private static byte[] zip(Object... nameThenBytes) throws Exception {
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
    void executableInsideAZipInsideAZipShouldBeBlockedNamingItsPathInsideTheArchives() throws Exception {
        byte[] inner = zip("setup.exe", SendguardPipelineIT.windowsExecutable(),
            "readme.txt", "インストール手順".getBytes(StandardCharsets.UTF_8));
        byte[] outer = zip("docs/inner.zip", inner, "docs/議事録.txt", "議事録です。".getBytes(StandardCharsets.UTF_8));
        String subject = sendBytes(outer, "application/zip", "outer.zip", "ツールを送ります。");

        String notice = awaitBlockNotice(subject);

        assertThat(notice).contains("添付ファイル outer.zip 内の docs/inner.zip 内の setup.exe は送信できない種類のファイル（実行ファイル）です",
            "The file setup.exe in docs/inner.zip in the attachment outer.zip is a kind of file that must not be sent"
                + " (an executable program)", "attachment.blocked-type");
    }

    @Test
    void encryptedZipInsideAZipShouldBeBlockedNamingItsPathInsideTheArchive() throws Exception {
        byte[] outer = zip("docs/secret.zip", fixture("zipcrypto.zip"), "docs/送付状.txt", "送付状".getBytes(StandardCharsets.UTF_8));
        String subject = sendBytes(outer, "application/zip", "送付.zip", "資料を送ります。");

        String notice = awaitBlockNotice(subject);

        assertThat(notice).contains("添付ファイル 送付.zip 内の docs/secret.zip はパスワードで暗号化されていて、中身を検査できません（ZIP (ZipCrypto)）",
            "The file docs/secret.zip in the attachment 送付.zip is protected by a password", "attachment.encrypted");
    }

    @Test
    void macroWorkbookShouldBeHeldForApprovalWithTheMacroFinding() throws Exception {
        String subject = send("macro.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12", "集計.xlsm", "集計表です。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("添付ファイル 集計.xlsm はマクロを含んでいます", "The attachment 集計.xlsm contains Office macros",
            "attachment.macro");
        Map<String, Object> held = held(subject);
        assertThat(held.get("mode")).isEqualTo("APPROVAL");
        assertThat(held.toString()).contains("attachment.macro");
    }

    @ParameterizedTest
    @CsvSource({"customers.csv, text/csv", "customers.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    void customerListShouldBeBlockedWithMaskedExcerptsWhenItHoldsAHundredAddressesAndPhoneNumbers(String fixture, String type)
        throws Exception {
        String subject = send(fixture, type, fixture, "顧客リストを送ります。");

        String notice = awaitBlockNotice(subject);

        assertThat(notice).contains("添付ファイル " + fixture + " にメールアドレスが ", "添付ファイル " + fixture + " に電話番号が ",
            "The attachment " + fixture + " contains ", " e-mail addresses (e.g. ", "100 件あります（例: ",
            "personal-data.email-list", "personal-data.phone", "@example.com");
        assertThat(notice).doesNotContain("sato.1000@example.com", "090-1000-2000");
    }

    @Test
    void labelledMyNumberShouldBeHeldAndTheNoticeShouldShowOnlyTheLastFourDigits() throws Exception {
        String subject = send(null, null, null, "人事部 御中\r\nマイナンバー：1234 5678 9018 をお知らせします。\r\n");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("本文にマイナンバー（個人番号）が 1 件あります（例: **** **** 9018）",
            "The body contains 1 My Number (個人番号) (e.g. **** **** 9018)", "personal-data.my-number");
        assertThat(notice).doesNotContain("1234 5678 9018", "123456789018", "5678");
        assertThat(held(subject).get("mode")).isEqualTo("APPROVAL");
    }

    @Test
    void validLookingNumberWithoutALabelShouldNotBeEscalatedAndReachTheSink() throws Exception {
        String subject = send(null, null, null, "注文番号 123456789018 の件、ご確認ください。\r\n");

        SmtpSink.Received received = awaitAtSink(subject);

        assertThat(MailText.readable(received.text())).contains("123456789018");
    }

    @Test
    void labelledNumberWithAWrongCheckDigitShouldNotBeEscalatedAndReachTheSink() throws Exception {
        String subject = send(null, null, null, "マイナンバー：1234 5678 9019\r\n");

        SmtpSink.Received received = awaitAtSink(subject);

        assertThat(MailText.readable(received.text())).contains("1234 5678 9019");
    }

    @Test
    void storedLzhWithConfidentialTextShouldBeHeldForReviewAsUnsupportedNotSentAsClean() throws Exception {
        // the attack: an archive format nobody reads, with 社外秘 stored in clear inside, used to pass with no finding
        String subject = send("confidential.lzh", "application/octet-stream", "価格改定.lzh", "資料を送ります。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("添付ファイル 価格改定.lzh は Sendguard が中身を読めない形式（application/x-lharc）のため、人の確認が必要です",
            "inspection.unsupported");
        Map<String, Object> held = held(subject);
        assertThat(held.get("mode")).isEqualTo("APPROVAL");
        assertThat(held.get("state")).isEqualTo("HELD");
        assertThat(held.get("findings").toString()).contains("inspection.unsupported", "uninspectable", "HIGH",
            "attachment:価格改定.lzh");
    }

    @Test
    void lzhInsideAnAttachedMailShouldBeHeldForReviewNamingItsPath() throws Exception {
        MimeMessage inner = submission.newMessage();
        inner.setSubject("価格資料", "UTF-8");
        MimeBodyPart innerText = new MimeBodyPart();
        innerText.setText("転送します。", "UTF-8");
        MimeBodyPart innerFile = new MimeBodyPart();
        innerFile.setDataHandler(new DataHandler(new ByteArrayDataSource(fixture("confidential.lzh"), "application/octet-stream")));
        innerFile.setFileName("kakaku.lzh");
        inner.setContent(new MimeMultipart(innerText, innerFile));
        inner.saveChanges();
        java.io.ByteArrayOutputStream eml = new java.io.ByteArrayOutputStream();
        inner.writeTo(eml);
        String subject = sendBytes(eml.toByteArray(), "message/rfc822", "fwd.eml", "転送メールを添付します。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("添付ファイル fwd.eml の添付ファイル kakaku.lzh は Sendguard が中身を読めない形式",
            "The attachment kakaku.lzh in the attachment fwd.eml is a kind of file Sendguard cannot read", "inspection.unsupported");
        assertThat(held(subject).get("mode")).isEqualTo("APPROVAL");
    }

    @Test
    void pngImageShouldStillPassWithoutAFindingSinceItHasNothingToRead() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
            0, 0, 0, 1, 8, 2, 0, 0, 0, (byte) 0x90, 0x77, 0x53, (byte) 0xDE, 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42,
            0x60, (byte) 0x82};
        String subject = sendBytes(png, "image/png", "screenshot.png", "画面のキャプチャです。");

        SmtpSink.Received received = awaitAtSink(subject);

        assertThat(received.text()).contains("screenshot.png");
    }

    @Test
    void myNumberInAnAttachmentNameShouldBeHeldAndTheAuditTrailShouldShowTheNameMasked() throws Exception {
        String subject = sendBytes("ご注文の控えです。\n".getBytes(StandardCharsets.UTF_8), "text/plain", "customer_123456789018.txt",
            "ご確認ください。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("添付ファイル名 customer_123456789018.txt にマイナンバー（個人番号）が 1 件あります（例: **** **** 9018）",
            "personal-data.my-number");
        Map<String, Object> held = held(subject);
        assertThat(held.get("mode")).isEqualTo("APPROVAL");
        assertThat(held.get("findings").toString()).contains("personal-data.my-number", "attachment-name:customer_123456789018.txt");
        String messageId = (String) held.get("messageId");
        String trail = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> webAdmin.get(
            "/sendguard/audit/events?limit=1000&messageId=" + java.net.URLEncoder.encode(messageId, StandardCharsets.UTF_8)).body,
            body -> body.contains("HELD") && body.contains("personal-data.my-number"));
        assertThat(trail).contains("attachment-name:c***.txt").doesNotContain("123456789018", "customer_");
    }

    private static Map<String, Object> held(String subject) {
        return webAdmin.heldMail(subject);
    }
}
