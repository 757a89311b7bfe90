package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * Sendguard's own web listener in a real James started with the shipped conf, driven by a real headless Chromium the
 * way senders and approvers use it: sign in with the James password (or the sign-in link of a notice), see the held
 * mail, remove two of five recipients with checkboxes (the other three receive it at the next hop), approve from the
 * approver's inbox (the checklist is required; with approval.required=2 a double check needs two approvers), and WebAdmin
 * serves none of it.
 */
class WebPortalIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String TRAINEE = "trainee@example.com";
    static final String MANAGER = "manager@example.com";
    static final String DEPUTY = "deputy@example.com";
    static final List<String> CHECKLIST = List.of("件名", "本文", "添付ファイル", "宛先", "配信日時");

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;
    static SendguardConf conf;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        // the shipped conf with a double check for every mail waiting for approval (approval.required=2): the trainee's
        // mail needs the manager and the stand-in deputy
        conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port())
            .replace("sendguard.properties", "approval.required=1", "approval.required=2");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        for (String user : List.of(ALICE, TRAINEE, MANAGER, DEPUTY)) {
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

    private static String send(String from, String... to) throws Exception {
        String subject = "見積 " + UUID.randomUUID();
        MimeMessage message = Smtp.text(submission.newMessage(), from, String.join(", ", to), subject, "ご確認ください。");
        submission.sendAuthenticated(from, PASSWORD, message, to);
        return subject;
    }

    /** The notice to {@code user} about {@code subject} that contains {@code words}, as the person reads it. */
    private static String notice(String user, String subject, String words) {
        return MailText.readable(new Mailbox(james.conf().imapPort, user, PASSWORD).awaitMessage(raw -> {
            String text = MailText.readable(raw);
            return text.contains(subject) && text.contains(words);
        }));
    }

    private static String heldId(String subject) {
        return (String) webAdmin.heldMail(subject).get("id");
    }

    private static String state(String subject) {
        return (String) webAdmin.heldMail(subject).get("state");
    }

    private static void signIn(HeadlessChromium browser, String user) throws Exception {
        browser.open(conf.webUrl() + "/signin");
        browser.type("user", user);
        browser.type("password", PASSWORD);
        browser.pressButton("Sign in");
    }

    @Test
    void aSenderShouldRemoveTwoOfFiveRecipientsInHerBrowserAndTheOtherThreeReceiveIt() throws Exception {
        List<String> five = List.of("r1@partner.example", "r2@partner.example", "r3@other.example", "r4@other.example",
            "r5@third.example");
        String subject = send(ALICE, five.toArray(new String[0]));
        notice(ALICE, subject, "自分の保留メールを見る");

        try (HeadlessChromium browser = HeadlessChromium.start(work.resolve("chromium-alice"), "en-US")) {
            signIn(browser, ALICE);
            assertThat(browser.url()).endsWith("/my");
            assertThat(browser.text()).contains(subject, "My mail");
            assertThat(browser.cookies()).contains("sg_session=").contains("httpOnly=true").contains("sameSite=Lax");

            browser.open(conf.webUrl() + "/mail/" + heldId(subject));
            assertThat(browser.text()).contains(subject, "r1@partner.example", "partner.example", "external");
            browser.tick("recipient", "r2@partner.example");
            browser.tick("recipient", "r4@other.example");
            browser.pressButton("Remove the ticked recipients");
            assertThat(browser.text()).contains("Removed: r2@partner.example, r4@other.example");
            assertThat(state(subject)).isEqualTo("HELD");
            assertThat(sink.received().stream().anyMatch(r -> MailText.readable(r.text()).contains(subject))).isFalse();

            browser.pressButton("Send now");
        }

        SmtpSink.Received received = sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
        assertThat(received.recipients).containsExactlyInAnyOrder("r1@partner.example", "r3@other.example", "r5@third.example");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
            sink.received().stream().filter(r -> MailText.readable(r.text()).contains(subject)).count() == 1);
    }

    @Test
    void theSignInLinkOfANoticeShouldOpenTheSendersOwnMail() throws Exception {
        String subject = send(ALICE, "bob@partner.example");
        String notice = notice(ALICE, subject, "自分の保留メールを見る");
        // findings in words and times in JST (shipped notice.language=both, notice.timeZone=Asia/Tokyo)
        assertThat(notice).contains("(JST)").doesNotContain("[low] recipients.first-time-domain @");
        String link = Links.after(notice, "自分の保留メールを見る");
        assertThat(link).startsWith(conf.webUrl() + "/signin/link/");

        try (HeadlessChromium browser = HeadlessChromium.start(work.resolve("chromium-link"), "en-US")) {
            browser.open(link);
            assertThat(browser.text()).contains("Sign in as " + ALICE);
            browser.pressButton("Sign in and see my mail");
            assertThat(browser.url()).endsWith("/my");
            assertThat(browser.text()).contains(subject);

            // a forged link signs nobody in
            browser.open(link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA"));
            assertThat(browser.text()).contains("This sign-in link cannot be used");
        }
    }

    @Test
    void aDoubleCheckShouldNeedTheChecklistAndTwoApproversBeforeTheMailLeaves() throws Exception {
        String subject = send(TRAINEE, "bob@partner.example");
        notice(MANAGER, subject, "承認");

        try (HeadlessChromium manager = HeadlessChromium.start(work.resolve("chromium-manager"), "en-US")) {
            signIn(manager, MANAGER);
            manager.open(conf.webUrl() + "/approvals");
            assertThat(manager.text()).contains(subject, TRAINEE);
            manager.open(conf.webUrl() + "/mail/" + heldId(subject));
            assertThat(manager.text()).contains("Approvals 0 of 2");

            manager.pressButton("Approve");
            assertThat(manager.text()).contains("Tick every item of the checklist");
            assertThat(state(subject)).isEqualTo("HELD");

            for (String item : CHECKLIST) {
                manager.tick("check", item);
            }
            manager.pressButton("Approve");
            assertThat(manager.text()).contains("1 of 2 approvals");
        }
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> "HELD".equals(state(subject)));
        assertThat(sink.received().stream().anyMatch(r -> MailText.readable(r.text()).contains(subject))).isFalse();

        try (HeadlessChromium deputy = HeadlessChromium.start(work.resolve("chromium-deputy"), "en-US")) {
            signIn(deputy, DEPUTY);
            deputy.open(conf.webUrl() + "/approvals");
            assertThat(deputy.text()).contains(subject);
            deputy.open(conf.webUrl() + "/mail/" + heldId(subject));
            assertThat(deputy.text()).contains("Approvals 1 of 2");
            for (String item : CHECKLIST) {
                deputy.tick("check", item);
            }
            deputy.typeInForm("Approve", "comment", "確認しました");
            deputy.pressButton("Approve");
            assertThat(deputy.text()).contains("Approved.");
        }
        SmtpSink.Received received = sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
        assertThat(received.recipients).containsExactly("bob@partner.example");
    }

    @Test
    void webAdminShouldServeNoPageOfTheListenerAndTheSecretsShouldBeGenerated() throws Exception {
        String subject = send(ALICE, "carol@partner.example");
        String cancel = Links.after(notice(ALICE, subject, "自分の保留メールを見る"), "送信を取り消す");
        String token = cancel.substring(cancel.lastIndexOf('/') + 1);

        assertThat(cancel).startsWith(conf.webUrl() + "/actions/");
        assertThat(webAdmin.get("/sendguard/actions/" + token).status).isEqualTo(404);
        assertThat(webAdmin.get("/actions/" + token).status).isEqualTo(404);
        assertThat(state(subject)).isEqualTo("HELD");
        // no web page may read the admin API from an admin's browser (James 3.8.1 always sends CORS headers)
        java.net.http.HttpResponse<String> status = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + conf.webAdminPort + "/sendguard/status"))
                .header("Origin", "https://evil.example").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(status.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*", "https://evil.example");

        Path secrets = work.resolve("var/sendguard/secrets");
        for (String key : List.of("links.secret", "history.key", "audit.hashKey")) {
            Path file = secrets.resolve(key);
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        Map<String, Object> held = webAdmin.heldMail(subject);
        assertThat(held).containsEntry("state", "HELD");
    }
}
