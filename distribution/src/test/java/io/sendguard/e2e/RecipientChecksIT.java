package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

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
 * Recipient checks (宛先確認) through a real James with the shipped conf/ plus SuppressRecipients and
 * CheckRecipients before the supervisor approval, RecordSent after ReleaseHeld, a sending history
 * (conf/sendguard-history.properties), the SuppressionRoutes, and holds that release at once: a
 * look-alike of the local domain is named in the hold notice; a first mail to a new domain is
 * pointed out, a second one after the first was sent is not; a recipient suppressed through
 * WebAdmin gets nothing while the other one does, and the sender is told.
 */
class RecipientChecksIT {
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String PASSWORD = "secret-pw";
    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        // the shipped pipeline (recipient checks, RecordSent on release, SuppressionRoutes) with its own
        // history key and suppression list
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("0")
            .write("sendguard-history.properties", "history.key=base64:" + java.util.Base64.getEncoder()
                .encodeToString("recipient-checks-it-history-key-0123456789".getBytes(StandardCharsets.UTF_8)) + "\n")
            .write("sendguard-suppression.txt", "# 退会者 / unsubscribed\nlisted@partner.example\n");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(MANAGER, PASSWORD);
        submission = new Smtp(conf.submissionPort);
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

    /** Sends a mail with a unique subject; returns the subject. */
    private static String send(String... to) throws Exception {
        String subject = "ご案内 " + UUID.randomUUID();
        MimeMessage message = Smtp.text(submission.newMessage(), ALICE, String.join(", ", to), subject, "よろしくお願いします。");
        submission.sendAuthenticated(ALICE, PASSWORD, message, to);
        return subject;
    }

    /** The readable text of the mail in Alice's INBOX whose text starts with the prefix and names the subject. */
    private static String notice(String prefix, String subject) {
        String raw = new Mailbox(james.conf().imapPort, ALICE, PASSWORD).awaitMessage(r -> {
            String text = MailText.readable(r);
            return text.startsWith(prefix) && text.contains(subject);
        });
        return MailText.readable(raw);
    }

    private static SmtpSink.Received awaitAtSink(String subject) {
        return sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
    }

    @Test
    void aLookalikeOfTheLocalDomainShouldBeNamedInTheHoldNotice() throws Exception {
        String subject = send("bob@exmaple.com");

        String notice = notice("[", subject);

        assertThat(notice).contains("宛先ドメイン exmaple.com は example.com によく似ています（1 文字違い。打ち間違いや偽装の可能性）",
            "The recipient domain exmaple.com looks like example.com (1 character apart; a typo or an imitation?)",
            "recipients.lookalike-domain");
        // a high finding: held for approval, nothing leaves
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> sink.received().stream().noneMatch(r -> MailText.readable(r.text()).contains(subject)));
    }

    @Test
    void aFirstMailToANewDomainShouldBePointedOutButNotTheSecondOneAfterTheFirstWasSent() throws Exception {
        String first = send("taro@first-time.example");

        String firstNotice = notice("[", first).replace("\r\n", "\n");
        // the finding in words, Japanese first then English, the rule code and severity only as a detail
        assertThat(firstNotice).startsWith("[送信保留][Held] ").contains(
            "  - first-time.example へは初めての送信です  （詳細: recipients.first-time-domain, low）\n",
            "  - This is the first mail to first-time.example  (details: recipients.first-time-domain, low)\n")
            .doesNotContain("[low]", "@ domain:");
        // times in the shipped notice.timeZone (Asia/Tokyo), to the minute
        String due = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
            java.time.Instant.parse((String) webAdmin.heldMail(first).get("dueAt")).atZone(java.time.ZoneId.of("Asia/Tokyo")));
        assertThat(firstNotice).contains("送信予定時刻: " + due + " (JST)\n", "Sending at: " + due + " (JST)\n");
        awaitAtSink(first); // released and sent: RecordSent has taught the history

        String second = send("taro@first-time.example");
        String secondNotice = notice("[", second);
        assertThat(secondNotice).doesNotContain("recipients.first-time");
        awaitAtSink(second);
    }

    @Test
    void aRecipientSuppressedThroughWebAdminShouldGetNothingWhileTheOtherDoes() throws Exception {
        WebAdmin.Response put = webAdmin.put("/sendguard/suppressions/gone@partner.example", "{\"reason\":\"unsubscribed\"}");
        assertThat(put.status).as(put.body).isEqualTo(204);
        assertThat(webAdmin.get("/sendguard/suppressions").body).contains("gone@partner.example", "unsubscribed",
            "listed@partner.example");

        String subject = send("gone@partner.example", "hanako@partner.example", "listed@partner.example");

        SmtpSink.Received received = awaitAtSink(subject);
        assertThat(received.recipients).containsExactly("hanako@partner.example");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sink.received().stream()
            .filter(r -> MailText.readable(r.text()).contains(subject)).count() == 1);
        String headers = received.text().substring(0, received.text().indexOf("\r\n\r\n"));
        assertThat(headers).doesNotContain("gone@partner.example").doesNotContain("listed@partner.example");
        String notice = notice("[宛先削除][Recipients removed]", subject);
        assertThat(notice).contains("gone@partner.example - 配信停止", "gone@partner.example - unsubscribed",
            "listed@partner.example - on the suppression list").doesNotContain("hanako@partner.example");
    }

    @Test
    void aMailWhoseRecipientsAreAllSuppressedShouldEndWithAnAuditRecordSayingSo() throws Exception {
        String subject = send("listed@partner.example");

        String notice = notice("[宛先削除][Recipients removed]", subject);
        assertThat(notice).contains("宛先が残っていないため", "No recipient remains",
            // the signature the shipped conf gives the notice (footer)
            "Sendguard 誤送信防止 / 問い合わせ: 情報システム部 (postmaster@example.com)");
        String events = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(
            () -> webAdmin.get("/sendguard/audit/events?limit=1000&type=suppressed&recipient=listed%40partner.example").body,
            body -> body.contains("\"mailEnded\":\"true\""));
        assertThat(events).contains("\"type\":\"SUPPRESSED\"", "\"reasons\":\"listed\"", "\"remaining\":\"0\"");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
            .until(() -> sink.received().stream().noneMatch(r -> MailText.readable(r.text()).contains(subject)));
    }

    @Test
    void aSuppressionSentAsAFormShouldBeRefusedNotStoredWithTheWrongReason() throws Exception {
        // curl -XPUT .../sendguard/suppressions/x -d '{"reason":"bounced"}' (curl's default Content-Type is a form)
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + james.conf().webAdminPort
                    + "/sendguard/suppressions/form@partner.example"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"bounced\"}")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Content-Type: application/json");
        assertThat(webAdmin.get("/sendguard/suppressions").body).doesNotContain("form@partner.example");
    }

    @Test
    void aSuppressedEntryShouldAnswer404WhenDeletedTwice() {
        assertThat(webAdmin.put("/sendguard/suppressions/@closed.example", "").status).isEqualTo(204);

        assertThat(webAdmin.delete("/sendguard/suppressions/@closed.example").status).isEqualTo(204);
        assertThat(webAdmin.delete("/sendguard/suppressions/@closed.example").status).isEqualTo(404);
        assertThat(webAdmin.put("/sendguard/suppressions/not-an-address", "").status).isEqualTo(400);
    }
}
