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
 * The attachment policy (PPAP: encrypted attachments blocked; macros held) and personal-data detection
 * through a real James, with the shipped conf plus: {@code encryptedAction=block} on InspectAttachments,
 * {@code personalDataPolicy} on InspectContent (the sample sendguard-personal-data.properties), and
 * {@code personal-data:high} in the quarantine matcher. The archive and PDF fixtures were made once with
 * zip, 7z and qpdf and are committed: no tool is needed to run this test.
 */
class AttachmentPolicyIT {
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String PASSWORD = "pw-secret";
    static final String BOB = "bob@partner.example";
    static final ObjectMapper JSON = new ObjectMapper();
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
        String subject = "添付 " + UUID.randomUUID().toString().substring(0, 8);
        MimeMessage message = submission.newMessage();
        message.setFrom(new InternetAddress(ALICE));
        message.setRecipients(Message.RecipientType.TO, BOB);
        message.setSubject(subject, "UTF-8");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        if (fixture == null) {
            message.setContent(new MimeMultipart(body));
        } else {
            MimeBodyPart attachment = new MimeBodyPart();
            byte[] bytes;
            try (InputStream in = AttachmentPolicyIT.class.getResourceAsStream("/fixtures/" + fixture)) {
                bytes = in.readAllBytes();
            }
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
        "password.pdf, PDF (password)"})
    void encryptedAttachmentShouldBeBlockedNamingItWhenEncryptedActionIsBlock(String fixture, String how) throws Exception {
        String subject = send(fixture, "application/octet-stream", fixture, "パスワードは別途お送りします。");

        String notice = awaitBlockNotice(subject);

        assertThat(notice).contains("attachment.encrypted", "attachment:" + fixture, how);
    }

    @Test
    void macroWorkbookShouldBeHeldForApprovalWithTheMacroFinding() throws Exception {
        String subject = send("macro.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12", "集計.xlsm", "集計表です。");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("attachment.macro", "集計.xlsm");
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

        assertThat(notice).contains("personal-data.email-list", "personal-data.phone", "attachment:" + fixture, "100 distinct",
            "@example.com");
        assertThat(notice).doesNotContain("sato.1000@example.com", "090-1000-2000");
    }

    @Test
    void labelledMyNumberShouldBeHeldAndTheNoticeShouldShowOnlyTheLastFourDigits() throws Exception {
        String subject = send(null, null, null, "人事部 御中\r\nマイナンバー：1234 5678 9018 をお知らせします。\r\n");

        String notice = awaitHoldNotice(subject);

        assertThat(notice).contains("personal-data.my-number", "**** **** 9018");
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

    private static Map<String, Object> held(String subject) throws Exception {
        WebAdmin.Response response = webAdmin.get("/sendguard/holds?limit=1000");
        Map<String, Object> page = JSON.readValue(response.body, new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream().filter(i -> subject.equals(i.get("subject"))).findFirst()
            .orElseThrow(() -> new AssertionError("not held: " + subject + " in " + response.body));
    }
}
