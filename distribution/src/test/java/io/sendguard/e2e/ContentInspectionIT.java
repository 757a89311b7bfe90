package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.Charset;
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
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * Keyword blocking with the shipped dictionary and pipeline, through a real James: a confidentiality
 * marking hidden in any of the places a recipient would read it stops the mail and the sender is told
 * where; what cannot be inspected is held for review with the reason; a clean mail passes unchanged.
 */
class ContentInspectionIT {
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String PASSWORD = "pw-secret";
    static final String BOB = "bob@partner.example";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> blockedSubjects = new CopyOnWriteArrayList<>();

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("0");
        // a rule whose regular expression backtracks for minutes on "costlyprobe" + many a's: an admin's mistake
        conf.write("sendguard-keywords.txt", conf.read("sendguard-keywords.txt")
            + "\n[category=custom severity=medium rule=keyword.costly-example]\nre:costlyprobe(.*a){12}b\n");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(MANAGER, PASSWORD);
        submission = new Smtp(conf.submissionPort);
    }

    @AfterAll
    static void stopJames() throws Exception {
        try {
            // a clean mail sent last goes out; none of the blocked ones may have gone before it
            String probe = sendAttachment("clean.docx", "application/octet-stream");
            awaitAtSink(probe);
            assertThat(sink.received()).noneMatch(r -> blockedSubjects.stream().anyMatch(s -> MailText.readable(r.text()).contains(s)));
        } finally {
            james.stop();
            sink.close();
        }
    }

    private static String tag() {
        return "検査 " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends raw MIME (headers after From/To/Subject, then body) given as bytes in a legacy charset. */
    private static String sendRaw(String contentHeaders, byte[] body) throws Exception {
        String subject = tag();
        String head = "From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: " + MimeUtility.encodeText(subject, "UTF-8", "B")
            + "\r\nMIME-Version: 1.0\r\n" + contentHeaders + "\r\n\r\n";
        byte[] raw = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, raw, 0, head.length());
        System.arraycopy(body, 0, raw, head.length(), body.length);
        MimeMessage message = new MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(raw));
        submission.sendAuthenticated(ALICE, PASSWORD, message, BOB);
        return subject;
    }

    private static String sendAttachment(String fixture, String type) throws Exception {
        return sendAttachment(fixture, type, fixture, "添付を確認してください。");
    }

    private static String sendAttachment(String fixture, String type, String fileName, String text) throws Exception {
        String subject = tag();
        MimeMessage message = submission.newMessage();
        message.setFrom(new InternetAddress(ALICE));
        message.setRecipients(Message.RecipientType.TO, BOB);
        message.setSubject(subject, "UTF-8");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        byte[] bytes;
        try (InputStream in = ContentInspectionIT.class.getResourceAsStream("/fixtures/" + fixture)) {
            bytes = in.readAllBytes();
        }
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        attachment.setFileName(MimeUtility.encodeText(fileName, "UTF-8", "B"));
        message.setContent(new MimeMultipart(body, attachment));
        submission.sendAuthenticated(ALICE, PASSWORD, message, BOB);
        return subject;
    }

    private static String awaitBlockNotice(String subject) {
        blockedSubjects.add(subject);
        String raw = new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[送信停止]") && MailText.readable(r).contains(subject));
        // the signature the shipped conf gives NotifyBlocked (its footer parameter)
        assertThat(MailText.readable(raw)).contains("Sendguard 誤送信防止 / 問い合わせ: 情報システム部 (postmaster@example.com)");
        return MailText.readable(raw);
    }

    private static SmtpSink.Received awaitAtSink(String subject) {
        return sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
    }

    /**
     * Sends a mail whose Subject and From display name are raw bytes in the given charset (no RFC 2047), as
     * swaks, scripts and some old clients send them; the body is plain UTF-8 text. Returns the tag in the subject.
     */
    private static String sendRawHeaderText(String subjectWords, Charset charset, String body) throws Exception {
        String tag = tag();
        byte[] head = ("From: 山田 花子 <" + ALICE + ">\r\nTo: " + BOB + "\r\nSubject: " + subjectWords + " " + tag
            + "\r\n").getBytes(charset);
        byte[] rest = ("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] raw = new byte[head.length + rest.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(rest, 0, raw, head.length, rest.length);
        submission.sendRawAuthenticated(ALICE, PASSWORD, raw, BOB);
        return tag;
    }

    @Test
    void letterSpacedConfidentialityMarkingsShouldBlockTheMail() throws Exception {
        String internal = sendRaw("Content-Type: text/plain; charset=US-ASCII",
            "Hello,\r\n\r\nI N T E R N A L   O N L Y\r\n".getBytes(StandardCharsets.US_ASCII));
        String forward = sendRaw("Content-Type: text/plain; charset=US-ASCII",
            "Hello,\r\n\r\nD O   N O T   F O R W A R D\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(awaitBlockNotice(internal)).contains("本文に社外秘・極秘などの表示があります", "The body carries a confidentiality marking",
            "keyword.confidential");
        assertThat(awaitBlockNotice(forward)).contains("本文に社外秘・極秘などの表示があります", "keyword.confidential");
    }

    @Test
    void keywordOnlyInARawUtf8SubjectShouldBlockTheMail() throws Exception {
        String tag = sendRawHeaderText("社外秘 見積", StandardCharsets.UTF_8, "nothing special");

        String notice = awaitBlockNotice(tag);

        assertThat(notice).contains("件名に社外秘・極秘などの表示があります", "The subject carries a confidentiality marking",
            "keyword.confidential", "見積 " + tag);
    }

    @Test
    void keywordOnlyInARawShiftJisSubjectShouldBlockTheMail() throws Exception {
        String tag = sendRawHeaderText("極秘 見積", Charset.forName("windows-31j"), "nothing special");

        assertThat(awaitBlockNotice(tag)).contains("件名に社外秘・極秘などの表示があります", "keyword.confidential");
    }

    @Test
    void keywordOnlyInARawIso2022JpSubjectShouldBlockTheMail() throws Exception {
        // 7-bit, so James keeps the bytes; but escape sequences instead of encoded words hid the keyword.
        String tag = sendRawHeaderText("部外秘 見積", Charset.forName("ISO-2022-JP"), "nothing special");

        assertThat(awaitBlockNotice(tag)).contains("件名に社外秘・極秘などの表示があります", "keyword.confidential");
    }

    @Test
    void rawUtf8SubjectAndDisplayNameReachTheNextHopIntactAndSevenBit() throws Exception {
        String tag = sendRawHeaderText("お見積りの件", StandardCharsets.UTF_8, "ご確認ください。");

        SmtpSink.Received received = awaitAtSink(tag);

        MimeMessage delivered = new MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(received.raw));
        assertThat(delivered.getSubject()).isEqualTo("お見積りの件 " + tag);
        assertThat(((InternetAddress) delivered.getFrom()[0]).getPersonal()).isEqualTo("山田 花子");
        String all = new String(received.raw, StandardCharsets.ISO_8859_1);
        String headerBlock = all.substring(0, all.indexOf("\r\n\r\n"));
        assertThat(headerBlock.chars().allMatch(c -> c < 0x80)).as(headerBlock).isTrue();
        assertThat(MailText.readable(received.text())).contains("ご確認ください。");
    }

    @Test
    void keywordInAnIso2022JpBodyShouldBlockTheMail() throws Exception {
        String subject = sendRaw("Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit",
            "この資料は社外秘です。\r\n".getBytes(Charset.forName("ISO-2022-JP")));

        String notice = awaitBlockNotice(subject);

        assertThat(notice).contains("keyword.confidential", "body", "The following mail was NOT sent");
    }

    @Test
    void keywordInAShiftJisBodyShouldBlockTheMail() throws Exception {
        String subject = sendRaw("Content-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit",
            "本件は極秘扱いでお願いします。\r\n".getBytes(Charset.forName("windows-31j")));

        assertThat(awaitBlockNotice(subject)).contains("keyword.confidential");
    }

    @Test
    void fullWidthKeywordShouldBlockTheMail() throws Exception {
        String subject = sendRaw("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit",
            "ＳＴＲＩＣＴＬＹ　ＣＯＮＦＩＤＥＮＴＩＡＬ\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(awaitBlockNotice(subject)).contains("keyword.confidential");
    }

    @Test
    void keywordOnlyInTheHtmlPartShouldBlockTheMail() throws Exception {
        String subject = sendRaw("Content-Type: multipart/alternative; boundary=\"alt\"",
            ("--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nご確認ください。\r\n"
                + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "<html><body><p>ご確認ください。<span style=\"display:none\">社外秘</span></p></body></html>\r\n--alt--\r\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(awaitBlockNotice(subject)).contains("本文（HTML）に社外秘・極秘などの表示があります",
            "The HTML body carries a confidentiality marking", "keyword.confidential");
    }

    @Test
    void keywordInAnAttachmentNameShouldBlockTheMail() throws Exception {
        String subject = sendAttachment("clean.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "社外秘_見積.docx", "添付します。");

        assertThat(awaitBlockNotice(subject)).contains("添付ファイル名 社外秘_見積.docx に社外秘・極秘などの表示があります",
            "keyword.confidential");
    }

    @ParameterizedTest
    @ValueSource(strings = {"confidential.docx", "confidential.xlsx", "confidential.pdf"})
    void keywordInsideAnOfficeOrPdfAttachmentShouldBlockTheMail(String fixture) throws Exception {
        String subject = sendAttachment(fixture, "application/octet-stream");

        assertThat(awaitBlockNotice(subject)).contains("添付ファイル " + fixture + " に社外秘・極秘などの表示があります",
            "The attachment " + fixture + " carries a confidentiality marking", "keyword.confidential");
    }

    @Test
    void keywordInADocxInsideAZipShouldBlockTheMailNamingThePathInside() throws Exception {
        String subject = sendAttachment("docx-inside.zip", "application/zip");

        assertThat(awaitBlockNotice(subject)).contains("添付ファイル docx-inside.zip 内の 資料/report.docx に社外秘・極秘などの表示があります",
            "The file 資料/report.docx in the attachment docx-inside.zip carries a confidentiality marking", "keyword.confidential");
    }

    @ParameterizedTest
    @ValueSource(strings = {"encrypted.zip:inspection.encrypted", "corrupt.pdf:inspection.corrupt", "bomb.zip:inspection.limit"})
    void whatCannotBeInspectedShouldBeHeldForReviewWithTheReason(String fixtureAndRule) throws Exception {
        String fixture = fixtureAndRule.split(":")[0];
        String rule = fixtureAndRule.split(":")[1];

        String subject = sendAttachment(fixture, "application/octet-stream");

        String request = MailText.readable(new Mailbox(james.conf().imapPort, MANAGER, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[承認依頼]") && MailText.readable(r).contains(subject)));
        assertThat(request).contains(rule, fixture);
        Map<String, Object> held = held(subject);
        assertThat(held.get("state")).isEqualTo("HELD");
        assertThat(held.get("mode")).isEqualTo("APPROVAL");
        assertThat(held.toString()).contains(rule);
        blockedSubjects.add(subject);
    }

    @Test
    void aMultipartWithoutABoundaryShouldBeHeldForReviewWithItsPartsStillRead() throws Exception {
        String subject = sendRaw("Content-Type: multipart/mixed",
            "--XX\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\nquarterly numbers\r\n--XX--\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        String request = MailText.readable(new Mailbox(james.conf().imapPort, MANAGER, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[承認依頼]") && MailText.readable(r).contains(subject)));
        assertThat(request).contains("inspection.corrupt", "multipart without a boundary parameter");
        assertThat(held(subject).get("mode")).isEqualTo("APPROVAL");
        blockedSubjects.add(subject);
    }

    @Test
    void aKeywordRegexRunningPastTheTimeLimitShouldHoldTheMailNamingTheRuleAndJamesShouldKeepServing() throws Exception {
        String subject = sendRaw("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit",
            ("costlyprobe " + "a".repeat(45) + "!\r\n").getBytes(StandardCharsets.UTF_8));
        String next = sendRaw("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit",
            "来週の打ち合わせの件です。\r\n".getBytes(StandardCharsets.UTF_8));

        awaitAtSink(next);
        String request = MailText.readable(new Mailbox(james.conf().imapPort, MANAGER, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[承認依頼]") && MailText.readable(r).contains(subject)));
        assertThat(request).contains("inspection.timeout", "keyword.costly-example");
        assertThat(held(subject).get("mode")).isEqualTo("APPROVAL");
        blockedSubjects.add(subject);
    }

    @Test
    void cleanMailShouldPassUnchanged() throws Exception {
        String subject = sendAttachment("clean.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "議事録.docx", "議事録をお送りします。機密保持契約の件は来週ご相談します。");

        SmtpSink.Received received = awaitAtSink(subject);

        String text = MailText.readable(received.text());
        assertThat(text).contains("議事録をお送りします。機密保持契約の件は来週ご相談します。");
        assertThat(received.text()).contains("filename").doesNotContain("X-Sendguard");
    }

    private static Map<String, Object> held(String subject) throws Exception {
        WebAdmin.Response response = webAdmin.get("/sendguard/holds?limit=1000");
        Map<String, Object> page = JSON.readValue(response.body, new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream().filter(i -> subject.equals(i.get("subject"))).findFirst()
            .orElseThrow(() -> new AssertionError("not held: " + subject + " in " + response.body));
    }
}
