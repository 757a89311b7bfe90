package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * Issue #18 item 4, the attack as it was made: large HTML mails in parallel ran James out of memory (spool workers,
 * Jetty, the audit thread) and two of three were never held, delivered or bounced. With the shipped conf (25 MB
 * SMTP limit, bodies read up to 5 MB, HTML parsed under the deadline, two inspections at a time, the hold streamed
 * to disk) every mail at the limit is held, one over it is refused with 552, and James, at its usual -Xmx768m, keeps
 * working.
 */
class LargeMailIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String BOB = "bob@partner.example";
    static final int LIMIT = 25 * 1024 * 1024; // the shipped maxmessagesize 25M
    static final int PARALLEL = 5;

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
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(MANAGER, PASSWORD);
        submission = new Smtp(conf.submissionPort);
    }

    @AfterAll
    static void stopJames() throws Exception {
        james.stop();
        sink.close();
    }

    /** A mail of about {@code size} bytes: one text/html body of short lines, as the attack's newsletters were. */
    static byte[] htmlMail(String subject, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 1024);
        out.writeBytes(("From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n<html><body>\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        int line = 0;
        while (out.size() < size - 100) {
            out.writeBytes(("<div class=\"row\"><p>Quarterly figures, line " + (line++)
                + ": <b>nothing secret</b> here, only <i>a lot</i> of markup.</p></div>\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("</body></html>\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void mailsAtTheLimitInParallelShouldAllBeHeldAndOneOverItRefusedWith552() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = new ArrayList<>();
        List<Future<String>> replies = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(PARALLEL + 1);
        try {
            for (int i = 0; i < PARALLEL; i++) {
                String subject = "large " + tag + " #" + i;
                subjects.add(subject);
                byte[] raw = htmlMail(subject, LIMIT - 256 * 1024);
                replies.add(senders.submit(() -> submission.submitRaw(ALICE, PASSWORD, raw, BOB)));
            }
            String tooLarge = "too large " + tag;
            byte[] over = htmlMail(tooLarge, LIMIT + 1024 * 1024);
            Future<String> refused = senders.submit(() -> submission.submitRaw(ALICE, PASSWORD, over, BOB));

            for (Future<String> reply : replies) {
                assertThat(reply.get()).startsWith("250");
            }
            assertThat(refused.get()).startsWith("552");
        } finally {
            senders.shutdownNow();
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
            .ignoreExceptionsInstanceOf(AssertionError.class)
            .until(() -> subjects.stream().allMatch(s -> webAdmin.heldMail(s) != null));
        for (String subject : subjects) {
            Map<String, Object> held = webAdmin.heldMail(subject);
            assertThat(held).as(subject).containsEntry("state", "HELD").containsEntry("mode", "APPROVAL");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> findings = (List<Map<String, Object>>) held.get("findings");
            assertThat(findings).as(subject).anySatisfy(f -> assertThat(f)
                .containsEntry("ruleId", "inspection.limit").containsEntry("location", "body:text/html")
                .containsEntry("excerpt", "body larger than 5242880 bytes; only the first 5242880 bytes were inspected"));
        }

        // James is still alive and holds a normal mail as usual
        String normal = "normal " + tag;
        MimeMessage message = Smtp.text(submission.newMessage(), ALICE, BOB, normal, "いつもの見積です。");
        submission.sendAuthenticated(ALICE, PASSWORD, message, BOB);
        String notice = MailText.readable(new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(r -> MailText.readable(r).startsWith("[送信保留]") && MailText.readable(r).contains(normal)));
        assertThat(notice).contains(normal);
        assertThat(webAdmin.heldMail(normal)).containsEntry("mode", "TIMED").containsEntry("state", "HELD");

        assertThat(sink.received()).noneMatch(r -> r.text().contains(tag));
        assertThat(james.isAlive()).isTrue();
        assertThat(james.logText()).doesNotContain("OutOfMemoryError");
        System.out.println("LargeMailIT: James peak RSS " + peakRss(james.pid()));
    }

    /** VmHWM of the James process, for the report (Linux only). */
    private static String peakRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }
}
