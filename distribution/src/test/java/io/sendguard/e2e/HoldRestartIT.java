package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/** Held mail survives a kill -9 of James and is released on time by the next start, once. */
class HoldRestartIT {
    static final String ALICE = "alice@example.com";
    static final String PASSWORD = "pw-secret";
    static final String BOB = "bob@partner.example";
    static final Duration DELAY = Duration.ofSeconds(25);

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;

    @BeforeAll
    static void startSink() throws Exception {
        sink = SmtpSink.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (james != null) {
            james.stop();
        }
        sink.close();
    }

    @Test
    void heldMailShouldSurviveAKillAndBeReleasedOnTimeOnceAfterRestart() throws Exception {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port())
            .withHoldDelay(DELAY.toSeconds() + "s");
        james = JamesProcess.in(work, conf).start();
        new WebAdmin(conf.webAdminPort).createUser(ALICE, PASSWORD);
        Smtp submission = new Smtp(conf.submissionPort);
        String subject = "restart " + UUID.randomUUID();
        Instant sent = Instant.now();
        MimeMessage message = Smtp.text(submission.newMessage(), ALICE, BOB, subject, "held across a crash");
        submission.sendAuthenticated(ALICE, PASSWORD, message, BOB);
        new Mailbox(conf.imapPort, ALICE, PASSWORD).awaitMessage(r -> MailText.readable(r).contains(subject));

        james.kill();
        Instant killed = Instant.now();
        assertThat(killed).as("killed before the due time, else this test proves nothing").isBefore(sent.plus(DELAY));
        assertThat(sink.received()).isEmpty();

        james.start();
        SmtpSink.Received received = sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(90));

        assertThat(received.receivedAt).isAfterOrEqualTo(sent.plus(DELAY));
        assertThat(received.recipients).containsExactly(BOB);
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> sink.received().size() == 1);
    }
}
