package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.Ports;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.TestMailets;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * What James accepted survives {@code kill -9} (issue #18, item 8): the shipped conf on run.sh's server, with a
 * test-only {@code Pause} mailet that keeps a mail at a chosen step until the test has killed James: in the
 * spool before any processing, and in {@code sendguard-release} right after {@code ReleaseHeld}. The send hold
 * is 0s, so that a mail for a remote recipient is released at once.
 */
class DurabilityIT {
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String PASSWORD = "pw-secret";
    static final Duration ARRIVAL = Duration.ofSeconds(120);
    static final String QUARANTINE = "/mailRepositories/var%2Fmail%2Fsendguard-quarantine/mails";

    @TempDir
    static Path work;
    static int nextHop;
    static SmtpSink sink;
    static SendguardConf conf;
    static JamesProcess james;
    static Path pauseInSpool;
    static Path pauseAfterRelease;

    @BeforeAll
    static void start() throws Exception {
        nextHop = Ports.free();
        sink = SmtpSink.startOn(nextHop);
        pauseInSpool = work.resolve("pause-spool");
        pauseAfterRelease = work.resolve("pause-release");
        conf = SendguardConf.copyOfShipped(work.resolve("conf"), nextHop).withHoldDelay("0")
            .replace("mailetcontainer.xml", "<processor state=\"root\" enableJmx=\"false\">",
                "<processor state=\"root\" enableJmx=\"false\">\n" + pause(pauseInSpool))
            .replace("mailetcontainer.xml", "<mailet match=\"All\" class=\"io.sendguard.mailets.ReleaseHeld\"/>",
                "<mailet match=\"All\" class=\"io.sendguard.mailets.ReleaseHeld\"/>\n" + pause(pauseAfterRelease));
        james = JamesProcess.in(work, conf);
        TestMailets.installInto(work);
        james.start();
        createUsers();
    }

    private static String pause(Path flag) {
        return "<mailet match=\"All\" class=\"io.sendguard.e2e.harness.Pause\"><whileExists>" + flag
            + "</whileExists></mailet>";
    }

    /** Users and mailboxes are in memory (as in James's memory server): made again after each restart. */
    private static void createUsers() {
        WebAdmin webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(BOB, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (james != null) {
            james.stop();
        }
        sink.close();
    }

    @Test
    void mailAcceptedWith250ShouldArriveAfterAKillWhileItWaitedInTheSpool() throws Exception {
        Files.writeString(pauseInSpool, "");
        String local = "local " + UUID.randomUUID();
        String remote = "remote " + UUID.randomUUID();
        send(BOB, local);
        send("carol@partner.example", remote);
        awaitPaused(pauseInSpool, 2);

        james.kill();
        assertThat(sink.received()).noneMatch(r -> MailText.readable(r.text()).contains(remote));
        james.start();
        createUsers();
        Files.delete(pauseInSpool);

        new Mailbox(conf.imapPort, BOB, PASSWORD).awaitMessage(m -> MailText.readable(m).contains(local));
        assertThat(sink.awaitMail(r -> MailText.readable(r.text()).contains(remote), ARRIVAL).recipients)
            .containsExactly("carol@partner.example");
    }

    @Test
    void mailInTheOutgoingQueueShouldArriveAfterAKillWhileTheNextHopWasDown() throws Exception {
        sink.close();
        String subject = "queued " + UUID.randomUUID();
        send("dave@partner.example", subject);
        WebAdmin webAdmin = new WebAdmin(conf.webAdminPort);
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(500))
            .until(() -> webAdmin.get("/mailQueues/outgoing/mails").body.contains("dave@partner.example"));

        james.kill();
        sink = SmtpSink.startOn(nextHop);
        james.start();
        createUsers();

        assertThat(sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), ARRIVAL).recipients)
            .containsExactly("dave@partner.example");
    }

    @Test
    void quarantinedMailShouldStillBeInTheQuarantineAfterAKill() throws Exception {
        WebAdmin webAdmin = new WebAdmin(conf.webAdminPort);
        WebAdmin.Response listed = webAdmin.get(QUARANTINE);
        assertThat(listed.status).as("the quarantine path the README documents: " + listed).isEqualTo(200);
        String before = listed.body;
        send("frank@partner.example", "社外秘 " + UUID.randomUUID());
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(500))
            .until(() -> !webAdmin.get(QUARANTINE).body.equals(before));
        WebAdmin.Response quarantined = webAdmin.get(QUARANTINE);
        assertThat(quarantined.status).isEqualTo(200);

        james.kill();
        james.start();
        createUsers();

        WebAdmin.Response after = new WebAdmin(conf.webAdminPort).get(QUARANTINE);
        assertThat(after.status).isEqualTo(200);
        assertThat(after.body).isEqualTo(quarantined.body).isNotEqualTo("[]");
    }

    @Test
    void heldMailKilledRightAfterItsReleaseShouldBeSentAfterRestartAndBeReleased() throws Exception {
        Files.writeString(pauseAfterRelease, "");
        String subject = "released " + UUID.randomUUID();
        send("erin@partner.example", subject);
        awaitPaused(pauseAfterRelease, 1);
        WebAdmin webAdmin = new WebAdmin(conf.webAdminPort);
        assertThat(webAdmin.heldMail(subject).get("state")).as("past the gate, not yet queued for delivery")
            .isEqualTo("RELEASING");

        james.kill();
        Files.delete(pauseAfterRelease);
        james.start();
        createUsers();

        assertThat(sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), ARRIVAL).recipients)
            .containsExactly("erin@partner.example");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> "RELEASED".equals(new WebAdmin(conf.webAdminPort).heldMail(subject).get("state")));
    }

    private static void send(String to, String subject) throws Exception {
        Smtp submission = new Smtp(conf.submissionPort);
        MimeMessage message = Smtp.text(submission.newMessage(), ALICE, to, subject, "accepted with 250");
        submission.sendAuthenticated(ALICE, PASSWORD, message, to);
    }

    private static void awaitPaused(Path flag, int mails) {
        String prefix = flag.getFileName() + ".reached-";
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Stream<Path> files = Files.list(flag.getParent())) {
                return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count() >= mails;
            }
        });
    }
}
