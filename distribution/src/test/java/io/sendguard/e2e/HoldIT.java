package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendguard.e2e.harness.HeadlessChromium;
import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.Links;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * The send hold through a real James with the shipped conf (2-minute hold, trainees need approval),
 * plus one short hold for a "quick" sender: notices arrive in the sender's mailbox over IMAP, and their
 * links, followed as a browser would, cancel, send now, drop one recipient, approve and reject.
 */
class HoldIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String QUICK = "quick@example.com";
    static final String TRAINEE = "trainee@example.com";
    static final String MANAGER = "manager@example.com";
    static final String BOB = "bob@partner.example";
    static final String CAROL = "carol@other.example";
    static final Duration QUICK_DELAY = Duration.ofSeconds(8);

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port())
            .replace("mailetcontainer.xml", "<!-- Send hold (送信保留)",
                "<mailet match=\"SenderIs=" + QUICK + "\" class=\"io.sendguard.mailets.Hold\">"
                    + "<delay>" + QUICK_DELAY.toSeconds() + "s</delay></mailet>\n            <!-- Send hold (送信保留)");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        for (String user : List.of(ALICE, QUICK, TRAINEE, MANAGER)) {
            webAdmin.createUser(user, PASSWORD);
        }
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
    private static String send(String from, String... to) throws Exception {
        String subject = "見積 " + UUID.randomUUID();
        MimeMessage message = Smtp.text(submission.newMessage(), from, String.join(", ", to), subject, "ご確認ください。");
        submission.sendAuthenticated(from, PASSWORD, message, to);
        return subject;
    }

    private static String notice(String user, String prefix, String subject) {
        String raw = new Mailbox(james.conf().imapPort, user, PASSWORD)
            .awaitMessage(r -> {
                String text = MailText.readable(r);
                return text.startsWith(prefix) && text.contains(subject);
            });
        return MailText.readable(raw);
    }

    private static boolean atSink(String subject) {
        return sink.received().stream().anyMatch(r -> MailText.readable(r.text()).contains(subject));
    }

    private static SmtpSink.Received awaitAtSink(String subject) {
        return sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
    }

    private static Map<String, Object> heldMail(String subject) throws Exception {
        WebAdmin.Response response = webAdmin.get("/sendguard/holds?limit=1000");
        assertThat(response.status).as(response.body).isEqualTo(200);
        Map<String, Object> page = JSON.readValue(response.body, new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream().filter(i -> subject.equals(i.get("subject"))).findFirst()
            .orElseThrow(() -> new AssertionError("no held mail '" + subject + "' in " + response.body));
    }

    private static String state(String subject) throws Exception {
        return (String) heldMail(subject).get("state");
    }

    @Test
    void heldMailShouldReachTheNextHopOnceAfterItsDueTimeAndNotBefore() throws Exception {
        Instant sent = Instant.now();
        String subject = send(QUICK, BOB);

        String notice = notice(QUICK, "[送信保留]", subject);
        assertThat(notice).contains(BOB, "partner.example (社外)", "送信予定時刻", "送信を取り消す", "今すぐ送信する");
        // the footer the shipped conf/sendguard.properties replaces (notice.text.footer)
        assertThat(notice).contains("Sendguard 誤送信防止 / 問い合わせ: 情報システム部 (postmaster@example.com)");
        assertThat(atSink(subject)).isFalse();

        SmtpSink.Received received = awaitAtSink(subject);
        assertThat(received.receivedAt).isAfterOrEqualTo(sent.plus(QUICK_DELAY));
        assertThat(received.recipients).containsExactly(BOB);
        assertThat(MailText.parse(received.raw).getHeader(ReleaseHeaderName.VALUE)).isNull();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
            sink.received().stream().filter(r -> MailText.readable(r.text()).contains(subject)).count() == 1);
        assertThat(state(subject)).isEqualTo("RELEASED");
    }

    @Test
    void openingACancelLinkShouldChangeNothingAndConfirmingItShouldCancel() throws Exception {
        String subject = send(ALICE, BOB);
        String notice = notice(ALICE, "[送信保留]", subject);
        String cancel = Links.after(notice, "送信を取り消す");

        WebAdmin.Response page = Links.get(cancel);
        assertThat(page.status).isEqualTo(200);
        assertThat(page.body).contains("<form", "method=\"post\"", subject);
        // the footer the shipped conf/sendguard.properties sets (page.text.footer), on every page
        String footer = "<footer class=\"note\">Sendguard 誤送信防止 / 問い合わせ: 情報システム部 (postmaster@example.com)</footer>";
        assertThat(page.body).contains(footer);
        assertThat(state(subject)).isEqualTo("HELD");

        WebAdmin.Response done = Links.post(cancel, null);
        assertThat(done.status).isEqualTo(200);
        assertThat(state(subject)).isEqualTo("CANCELLED");
        assertThat(notice(ALICE, "[送信取消]", subject)).contains(subject);

        WebAdmin.Response again = Links.post(cancel, null);
        assertThat(again.status).isEqualTo(409);
        assertThat(done.body).contains(footer);
        assertThat(again.body).contains(footer);
        assertThat(state(subject)).isEqualTo("CANCELLED");
        // a link that could do nothing is not used up by trying it: asked twice, it gives the reason twice
        String sendNow = Links.after(notice, "今すぐ送信する");
        for (int attempt = 0; attempt < 2; attempt++) {
            WebAdmin.Response tooLate = Links.post(sendNow, null);
            assertThat(tooLate.status).isEqualTo(409);
            assertThat(tooLate.body).contains("取り消されています").doesNotContain("使用済み");
        }
    }

    @Test
    void sendNowLinkShouldSendTheMailAtOnce() throws Exception {
        String subject = send(ALICE, BOB);
        String sendNow = Links.after(notice(ALICE, "[送信保留]", subject), "今すぐ送信する");

        assertThat(Links.post(sendNow, null).status).isEqualTo(200);

        SmtpSink.Received received = awaitAtSink(subject);
        assertThat(received.recipients).containsExactly(BOB);
        assertThat(state(subject)).isEqualTo("RELEASED");
    }

    @Test
    void cancellingOneRecipientShouldSendToTheOthersOnly() throws Exception {
        String subject = send(ALICE, BOB, CAROL);
        String notice = notice(ALICE, "[送信保留]", subject);
        assertThat(notice).contains("partner.example (社外)", "other.example (社外)");

        assertThat(Links.post(Links.forRecipient(notice, CAROL, "この宛先だけ取り消す"), null).status).isEqualTo(200);
        assertThat(notice(ALICE, "[宛先取消]", subject)).contains(CAROL);
        assertThat(Links.post(Links.after(notice, "今すぐ送信する"), null).status).isEqualTo(200);

        SmtpSink.Received received = awaitAtSink(subject);
        assertThat(received.recipients).containsExactly(BOB);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
            sink.received().stream().noneMatch(r -> r.recipients.contains(CAROL) && MailText.readable(r.text()).contains(subject)));
    }

    @Test
    void approvedMailShouldBeSentAndTheApprovalNeedsThePost() throws Exception {
        String subject = send(TRAINEE, BOB);
        assertThat(notice(TRAINEE, "[送信保留]", subject)).contains("承認待ち").doesNotContain("今すぐ送信する");
        String request = notice(MANAGER, "[承認依頼]", subject);
        String approve = Links.after(request, "承認する");

        WebAdmin.Response page = Links.get(approve);
        assertThat(page.status).isEqualTo(200);
        // its due time is the approval deadline, not when it is sent
        assertThat(page.body).contains("<dt>承認期限</dt>", "<dt>送信予定時刻</dt><dd>承認後に送信</dd>");
        assertThat(Links.checklist(page.body)).as("the shipped approval.checklist")
            .containsExactly("件名", "本文", "添付ファイル", "宛先", "配信日時");
        assertThat(state(subject)).isEqualTo("HELD");
        assertThat(Links.postTickingAll(approve, null).status).isEqualTo(200);

        assertThat(awaitAtSink(subject).recipients).containsExactly(BOB);
        assertThat(notice(TRAINEE, "[承認済み]", subject)).contains(subject);
    }

    @Test
    void rejectedMailShouldNotBeSentAndTheCommentShouldReachTheSender() throws Exception {
        String subject = send(TRAINEE, BOB);
        String reject = Links.after(notice(MANAGER, "[承認依頼]", subject), "却下する");

        assertThat(Links.post(reject, "宛先を確認してください").status).isEqualTo(200);

        assertThat(state(subject)).isEqualTo("REJECTED");
        assertThat(notice(TRAINEE, "[却下]", subject)).contains("宛先を確認してください");
        assertThat(atSink(subject)).isFalse();
    }

    @Test
    void tamperedLinkShouldBeRefusedAndChangeNothing() throws Exception {
        String subject = send(ALICE, BOB);
        String cancel = Links.after(notice(ALICE, "[送信保留]", subject), "送信を取り消す");
        int i = cancel.length() - 5;
        String tampered = cancel.substring(0, i) + (cancel.charAt(i) == 'A' ? 'B' : 'A') + cancel.substring(i + 1);

        assertThat(Links.get(tampered).status).isEqualTo(400);
        assertThat(Links.post(tampered, null).status).isEqualTo(400);
        assertThat(state(subject)).isEqualTo("HELD");
    }

    @Test
    void aPersonInARealBrowserShouldSeeTheMailOnOpeningTheLinkAndCancelItWithTheButton() throws Exception {
        String subject = send(ALICE, BOB);
        String cancel = Links.after(notice(ALICE, "[送信保留]", subject), "送信を取り消す");
        Path screenshots = java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "screenshots"));

        try (HeadlessChromium browser = HeadlessChromium.start(work.resolve("chromium-cancel"))) {
            browser.open(cancel);
            assertThat(browser.text()).contains(subject, BOB, "送信を取り消す");
            assertThat(browser.html()).contains("lang=\"ja\"");
            browser.screenshot(screenshots.resolve("cancel-confirmation.png"));
            assertThat(state(subject)).isEqualTo("HELD");

            browser.pressButton();

            assertThat(state(subject)).isEqualTo("CANCELLED");
            assertThat(browser.text()).contains(subject);
            browser.screenshot(screenshots.resolve("cancel-done.png"));
        }
    }

    @Test
    void anApproverInARealBrowserShouldRejectWithACommentThatReachesTheSender() throws Exception {
        String subject = send(TRAINEE, BOB);
        String reject = Links.after(notice(MANAGER, "[承認依頼]", subject), "却下する");

        try (HeadlessChromium browser = HeadlessChromium.start(work.resolve("chromium-reject"))) {
            browser.open(reject);
            assertThat(browser.text()).contains(subject, TRAINEE);
            browser.type("comment", "社外の宛先が含まれています");
            browser.pressButton();
        }

        assertThat(state(subject)).isEqualTo("REJECTED");
        assertThat(notice(TRAINEE, "[却下]", subject)).contains("社外の宛先が含まれています");
    }

    /** The header name the release gate removes (kept here to make the test read plainly). */
    static final class ReleaseHeaderName {
        static final String VALUE = "X-Sendguard-Hold-Id";
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
