package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * The shipped conf/, rebound to free ports, in a real James started from the distribution layout with
 * the drop-in jar: mail from an authenticated local sender reaches the next hop through the Sendguard
 * pipeline; strangers cannot relay; an attachment that lies about its type is stopped by Tika running
 * inside James, and the sender is told.
 */
class SendguardPipelineIT {
    static final String ALICE = "alice@example.com";
    static final String PASSWORD = "alice-secret";
    static final String REMOTE = "bob@partner.example";

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;
    static Smtp smtp;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("0");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        submission = new Smtp(conf.submissionPort);
        smtp = new Smtp(conf.smtpPort);
    }

    @AfterAll
    static void stopJames() throws Exception {
        if (james != null) {
            james.stop();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @BeforeEach
    void clearSink() {
        sink.clear();
    }

    @Test
    void mailFromAuthenticatedSenderShouldReachTheSmartHostAfterInspection() throws Exception {
        long inspectedBefore = inspectedMails();
        MimeMessage message = Smtp.text(submission.newMessage(), ALICE, REMOTE, "見積書の件", "お世話になっております。");

        submission.sendAuthenticated(ALICE, PASSWORD, message, REMOTE);

        SmtpSink.Received received = sink.awaitMailTo(REMOTE);
        assertThat(received.mailFrom).isEqualTo(ALICE);
        assertThat(received.recipients).containsExactly(REMOTE);
        assertThat(MailText.readable(received.text())).contains("見積書の件", "お世話になっております。");
        await().atMost(Duration.ofSeconds(10)).until(() -> inspectedMails() > inspectedBefore);
        assertThat(inspectedMails()).as("one mail, counted once").isEqualTo(inspectedBefore + 1);
    }

    @Test
    void relayWithoutAuthenticationShouldBeRefusedAndNothingLeaves() throws Exception {
        MimeMessage message = Smtp.text(smtp.newMessage(), "mallory@elsewhere.example", REMOTE, "spam", "buy now");

        assertThatThrownBy(() -> smtp.sendAnonymously("mallory@elsewhere.example", message, REMOTE))
            .isInstanceOf(MessagingException.class)
            .hasRootCauseMessage("530 5.7.1 Authentication Required\n");

        // a mail that is accepted goes out within seconds (see the test above); give this one the same chance
        MimeMessage probe = Smtp.text(submission.newMessage(), ALICE, REMOTE, "probe", "probe");
        submission.sendAuthenticated(ALICE, PASSWORD, probe, REMOTE);
        sink.awaitMail(r -> MailText.readable(r.text()).contains("probe"), Duration.ofSeconds(60));
        assertThat(sink.received()).noneMatch(r -> r.text().contains("buy now"));
    }

    @Test
    void mailToLocalUserShouldBeDeliveredToTheMailbox() throws Exception {
        MimeMessage message = Smtp.text(smtp.newMessage(), "carol@partner.example", ALICE, "hello alice", "inbound");

        smtp.sendAnonymously("carol@partner.example", message, ALICE);

        String delivered = new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(raw -> raw.contains("hello alice"));
        assertThat(MailText.readable(delivered)).contains("inbound");
    }

    @Test
    void executableNamedPdfShouldBeStoppedByTikaInsideJamesAndTheSenderTold() throws Exception {
        MimeMessage message = submission.newMessage();
        message.setFrom(new InternetAddress(ALICE));
        message.setRecipients(javax.mail.Message.RecipientType.TO, REMOTE);
        message.setSubject("請求書 exe-test", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("請求書を添付します", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(windowsExecutable(), "application/pdf")));
        attachment.setFileName("invoice.pdf");
        message.setContent(new MimeMultipart(text, attachment));

        submission.sendAuthenticated(ALICE, PASSWORD, message, REMOTE);

        String notice = new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(raw -> MailText.readable(raw).contains("[送信停止]") && MailText.readable(raw).contains("exe-test"));
        assertThat(MailText.readable(notice)).contains("次のメールは送信されませんでした", "The following mail was NOT sent",
            "添付ファイル invoice.pdf の中身は実行ファイルです", "The attachment invoice.pdf is really an executable program",
            "attachment.type-mismatch", "attachment.blocked-type");
        // the same pipeline delivers a clean mail within seconds; the stopped one must not be among them
        MimeMessage probe = Smtp.text(submission.newMessage(), ALICE, REMOTE, "probe after exe", "probe");
        submission.sendAuthenticated(ALICE, PASSWORD, probe, REMOTE);
        sink.awaitMail(r -> MailText.readable(r.text()).contains("probe after exe"), Duration.ofSeconds(60));
        assertThat(sink.received()).noneMatch(r -> r.text().contains("exe-test") || r.text().contains("invoice.pdf"));
        assertThat(webAdmin.get("/sendguard/status").body).contains("\"attachment\":");
    }

    @Test
    void statusRouteShouldReportTheVersionOfTheDropInJar() {
        WebAdmin.Response status = webAdmin.get("/sendguard/status");

        assertThat(status.status).isEqualTo(200);
        assertThat(status.body).contains("\"product\":\"Sendguard\"").contains("\"version\":\"0.1.0-SNAPSHOT\"");
    }

    private static long inspectedMails() {
        String body = webAdmin.get("/sendguard/status").body;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"inspectedMails\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no inspectedMails in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /** The smallest bytes Tika recognises as a Windows PE executable. */
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

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
