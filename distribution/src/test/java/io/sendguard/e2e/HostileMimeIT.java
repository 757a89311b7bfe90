package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Issue #18 item 1, the attack as it was made: mails of about 2,500 nested multiparts (195 KB each) overflowed the
 * stack of the recursive MIME walks, nobody caught the error, the spool slots were never freed, and after about 20
 * of them James neither held outgoing mail nor delivered incoming mail. Now each is held for review with the depth
 * limit as its finding, and the mail after them is held and delivered as usual.
 */
class HostileMimeIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String CAROL = "carol@example.com";
    static final String BOB = "bob@partner.example";
    static final int MAILS = 50;
    static final int LEVELS = 2_500;

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port());
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        for (String user : List.of(ALICE, MANAGER, CAROL)) {
            webAdmin.createUser(user, PASSWORD);
        }
        submission = new Smtp(conf.submissionPort);
    }

    @AfterAll
    static void stopJames() throws Exception {
        james.stop();
        sink.close();
    }

    /** {@code levels} multiparts nested in each other, a line of text in the innermost one. */
    static byte[] nested(String subject, int levels) {
        StringBuilder head = new StringBuilder("From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: " + subject
            + "\r\nMIME-Version: 1.0\r\n");
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            head.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
            tail.insert(0, "\r\n--b" + i + "--\r\n");
        }
        head.append("Content-Type: text/plain; charset=us-ascii\r\n\r\nhello from the bottom");
        return head.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void fiftyDeeplyNestedMailsShouldBeHeldForReviewAndMailShouldKeepFlowing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < MAILS; i++) {
            String subject = "nested " + tag + " #" + i;
            byte[] raw = nested(subject, LEVELS);
            assertThat(raw.length).isBetween(150_000, 250_000);
            submission.sendRawAuthenticated(ALICE, PASSWORD, raw, BOB);
            subjects.add(subject);
        }

        // a normal mail after them is held as usual (the shipped 2-minute send hold) and its sender told
        String normal = "normal " + tag;
        MimeMessage message = Smtp.text(submission.newMessage(), ALICE, BOB, normal, "いつもの見積です。");
        submission.sendAuthenticated(ALICE, PASSWORD, message, BOB);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptionsInstanceOf(AssertionError.class).until(() -> webAdmin.heldMail(normal) != null);
        assertThat(webAdmin.heldMail(normal)).containsEntry("mode", "TIMED").containsEntry("state", "HELD");
        String notice = MailText.readable(new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).startsWith("[送信保留]") && MailText.readable(r).contains(normal)));
        assertThat(notice).contains(normal);

        // every nested mail is held for review, with the depth limit as its reason
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
            .ignoreExceptionsInstanceOf(AssertionError.class)
            .until(() -> subjects.stream().allMatch(s -> webAdmin.heldMail(s) != null));
        for (String subject : subjects) {
            Map<String, Object> held = webAdmin.heldMail(subject);
            assertThat(held).as(subject).containsEntry("mode", "APPROVAL").containsEntry("state", "HELD");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> findings = (List<Map<String, Object>>) held.get("findings");
            assertThat(findings).as(subject).anySatisfy(f -> {
                assertThat(f).containsEntry("ruleId", "inspection.limit").containsEntry("category", "uninspectable");
                assertThat((String) f.get("excerpt")).isEqualTo(
                    "MIME structure nested deeper than 30 levels; the parts inside were not inspected");
            });
        }

        // incoming mail is still delivered
        String local = "local " + tag;
        submission.sendAuthenticated(ALICE, PASSWORD, Smtp.text(submission.newMessage(), ALICE, CAROL, local, "社内連絡です。"), CAROL);
        new Mailbox(james.conf().imapPort, CAROL, PASSWORD).awaitMessage(r -> MailText.readable(r).contains(local));

        assertThat(sink.received()).noneMatch(r -> r.text().contains(tag));
        assertThat(james.isAlive()).isTrue();
        assertThat(james.logText()).doesNotContain("StackOverflowError").doesNotContain("OutOfMemoryError");
    }
}
