package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * PPAP through a real James with the shipped pipeline (encrypted attachments wait for approval;
 * DetectPasswordMail as shipped), the timed hold set to 0 so that ordinary mail reaches the sink at once: a
 * password-zip mail and the short password mail that follows it to the same recipient are both held for
 * approval, the second's notice naming the PPAP reason and the first mail; a short mail without a password
 * line to the same recipient leaves.
 */
class PpapIT {
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String PASSWORD = "pw-secret";

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
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(MANAGER, PASSWORD);
        submission = new Smtp(conf.submissionPort);
    }

    @AfterAll
    static void stopJames() throws Exception {
        james.stop();
        sink.close();
    }

    private static String send(String subjectPrefix, String to, String text, String zipFixture) throws Exception {
        return send(subjectPrefix, List.of(to), text, zipFixture);
    }

    /** All recipients in To, and each one in the envelope. */
    private static String send(String subjectPrefix, List<String> to, String text, String zipFixture) throws Exception {
        String subject = subjectPrefix + " " + UUID.randomUUID().toString().substring(0, 8);
        MimeMessage message = submission.newMessage();
        message.setFrom(new InternetAddress(ALICE));
        message.setRecipients(Message.RecipientType.TO, String.join(", ", to));
        message.setSubject(subject, "UTF-8");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        if (zipFixture == null) {
            message.setContent(new MimeMultipart(body));
        } else {
            MimeBodyPart attachment = new MimeBodyPart();
            try (InputStream in = PpapIT.class.getResourceAsStream("/fixtures/" + zipFixture)) {
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(in.readAllBytes(), "application/zip")));
            }
            attachment.setFileName("見積書.zip");
            message.setContent(new MimeMultipart(body, attachment));
        }
        submission.sendAuthenticated(ALICE, PASSWORD, message, to.toArray(new String[0]));
        return subject;
    }

    private static String awaitHoldNotice(String subject) {
        return MailText.readable(new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[送信保留]") && MailText.readable(r).contains(subject)));
    }

    @Test
    void passwordMailAfterAnEncryptedZipShouldBeHeldForApprovalTogetherWithIt() throws Exception {
        String bob = "bob@partner.example";
        String first = send("見積書の送付", bob, "見積書をお送りします。パスワードは別途お送りします。", "zipcrypto.zip");
        String firstNotice = awaitHoldNotice(first);
        String second = send("パスワードのご連絡", bob,
            "お世話になっております。\r\n先ほどお送りしたファイルのパスワードです。\r\n\r\nパスワード：Xk29pQz7\r\n\r\nよろしくお願いいたします。\r\n",
            null);

        String secondNotice = awaitHoldNotice(second);

        assertThat(firstNotice).contains("添付ファイル 見積書.zip はパスワードで暗号化されていて", "attachment.encrypted");
        assertThat(secondNotice).contains("前に同じ宛先へ送ったメール「" + first + "」の暗号化ファイル（添付ファイル 見積書.zip）のパスワードが書かれているようです（PPAP）: パスワード:****",
            "(the attachment 見積書.zip) of the mail \"" + first + "\"", "ppap.password-mail")
            .doesNotContain("Xk29pQz7");
        assertThat(webAdmin.heldMail(first)).containsEntry("mode", "APPROVAL").containsEntry("state", "HELD");
        assertThat(webAdmin.heldMail(second)).containsEntry("mode", "APPROVAL").containsEntry("state", "HELD");
        // every detector's findings are counted, not only InspectContent's
        String metrics = webAdmin.get("/metrics").body;
        assertThat(metrics).containsPattern("(?m)^sendguard_findings_ppap(_total)?(\\{[^}]*\\})? [1-9][0-9]*(\\.0)?$");
        assertThat(metrics).containsPattern("(?m)^sendguard_findings_attachment(_total)?(\\{[^}]*\\})? [1-9][0-9]*(\\.0)?$");
        assertThat(webAdmin.get("/sendguard/status").body).containsPattern("\"ppap\":[1-9]");
        String probe = send("probe", bob, "next hop check", null);
        sink.awaitMail(r -> MailText.readable(r.text()).contains(probe), Duration.ofSeconds(60));
        assertThat(sink.received()).noneMatch(r -> MailText.readable(r.text()).contains(first)
            || MailText.readable(r.text()).contains(second));
    }

    @Test
    void anEncryptedZipShouldHaveTheRecipientChecksBeforeItWaitsForApproval() throws Exception {
        // to a blocked domain: stopped, not held for a reviewer who might approve it
        String blocked = send("価格表", List.of("buyer@competitor.example", "dan@partner.example"), "価格表です。",
            "zipcrypto.zip");
        String blockNotice = MailText.readable(new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).contains("[送信停止]") && MailText.readable(r).contains(blocked)));
        assertThat(blockNotice).contains("competitor.example");
        assertThat(webAdmin.get("/sendguard/holds?limit=1000").body).doesNotContain(blocked);

        // a suppressed recipient and ten more external ones: what the reviewer approves has lost the suppressed
        // recipient and hides the list (Bcc)
        assertThat(webAdmin.put("/sendguard/suppressions/left@partner.example", "{\"reason\":\"unsubscribed\"}").status)
            .isEqualTo(204);
        List<String> to = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            to.add("user" + i + "@client" + (i % 3) + ".example");
        }
        to.add("left@partner.example");
        String reviewed = send("見積書一式", to, "見積書をお送りします。", "zipcrypto.zip");
        String holdNotice = awaitHoldNotice(reviewed);
        assertThat(holdNotice).contains("attachment.encrypted");
        Map<String, Object> held = webAdmin.heldMail(reviewed);
        assertThat(held).containsEntry("mode", "APPROVAL");
        assertThat(held.get("recipients").toString()).doesNotContain("left@partner.example");
        assertThat((List<?>) held.get("recipients")).hasSize(10);

        WebAdmin.Response approved = webAdmin.post("/sendguard/holds/" + held.get("id") + "?action=approve", "");
        assertThat(approved.status).as(approved.body).isEqualTo(200);

        sink.awaitMail(r -> MailText.readable(r.text()).contains(reviewed), Duration.ofSeconds(60));
        // RemoteDelivery may split the recipients over several transactions
        List<SmtpSink.Received> copies = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            sink.received().stream().filter(r -> MailText.readable(r.text()).contains(reviewed))
                .collect(java.util.stream.Collectors.toList()), c -> c.stream().mapToInt(r -> r.recipients.size()).sum() >= 10);
        assertThat(copies.stream().flatMap(r -> r.recipients.stream())).containsExactlyInAnyOrderElementsOf(to.subList(0, 10));
        for (SmtpSink.Received copy : copies) {
            String headers = copy.text().substring(0, copy.text().indexOf("\r\n\r\n"));
            assertThat(headers).doesNotContain("left@partner.example").doesNotContain("user0@client0.example");
        }
    }

    @Test
    void shortMailWithoutAPasswordLineShouldLeaveEvenRightAfterAnEncryptedZip() throws Exception {
        String carol = "carol@partner.example";
        String first = send("資料", carol, "資料をお送りします。", "zipcrypto.zip");
        awaitHoldNotice(first);

        String ordinary = send("明日の件", carol, "明日の打ち合わせは10時からでお願いします。\r\n", null);

        SmtpSink.Received received = sink.awaitMail(r -> MailText.readable(r.text()).contains(ordinary), Duration.ofSeconds(60));
        assertThat(MailText.readable(received.text())).contains("明日の打ち合わせ");
        Map<String, Object> item = webAdmin.heldMail(ordinary);
        assertThat(item.get("mode")).isEqualTo("TIMED");
        assertThat(item.toString()).doesNotContain("ppap.password-mail");
    }
}
