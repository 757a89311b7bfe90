package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.e2e.harness.ForgedLinks;
import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.Links;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * Issue 18 items 2, 6, 7 and 10 through a real James on the shipped conf: forged approvals (a link minted with the
 * old published secret, a valid link naming a non-approver), secrets generated at first start and kept across a
 * restart, the fallback approver, a corrupt hold entry that must not stop the release of the others, and a malformed
 * mail a reviewer approves that must leave byte for byte.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HoldHardeningIT {
    static final String PASSWORD = "pw-secret";
    static final String TRAINEE = "trainee@example.com";
    static final String MANAGER = "manager@example.com";
    static final String POSTMASTER = "postmaster@example.com";
    static final String SECURITY = "security@example.com";
    static final String QUICK = "quick@example.com";
    static final String OUTSIDER = "dave@example.org";
    static final String BOB = "bob@partner.example";
    static final String OLD_SAMPLE_SECRET = "base64:c2VuZGd1YXJkLWRlbW8tc2VjcmV0LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==";
    static final List<String> SECRETS = List.of("links.secret", "history.key", "audit.hashKey");
    /** No start boundary, and an RFC 2047 encoded word as an unquoted parameter value. */
    static final String MALFORMED_HEADER = "Content-Type: multipart/mixed; boundary=\"XYZ\"; name==?UTF-8?B?5pel5pys?=\r\n";
    static final String MALFORMED_BODY = "text before any boundary\r\n--XYZ--\r\n";

    @TempDir
    static Path work;
    static SmtpSink sink;
    static SendguardConf conf;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port())
            .replace("mailetcontainer.xml", "<!-- Supervisor approval (上長承認)",
                // a sender whom the shipped approver rules (*@example.com) do not cover, and a short timed hold
                "<mailet match=\"SenderIs=" + OUTSIDER + "\" class=\"io.sendguard.mailets.Hold\"><mode>approval</mode>"
                    + "<approvers>*@example.com=manager@example.com</approvers></mailet>\n"
                    + "            <mailet match=\"SenderIs=" + QUICK + "\" class=\"io.sendguard.mailets.Hold\">"
                    + "<delay>20s</delay></mailet>\n            <!-- Supervisor approval (上長承認)");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        createUsers();
        submission = new Smtp(conf.submissionPort);
    }

    static void createUsers() {
        assertThat(webAdmin.put("/domains/example.org", null).status).isIn(204, 409);
        for (String user : List.of(TRAINEE, MANAGER, POSTMASTER, QUICK, OUTSIDER, SECURITY)) {
            webAdmin.createUser(user, PASSWORD);
        }
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

    private static String send(String from) throws Exception {
        String subject = "hardening " + UUID.randomUUID();
        MimeMessage message = Smtp.text(submission.newMessage(), from, BOB, subject, "ご確認ください。");
        submission.sendAuthenticated(from, PASSWORD, message, BOB);
        return subject;
    }

    private static String notice(String user, String prefix, String subject) {
        return MailText.readable(new Mailbox(conf.imapPort, user, PASSWORD).awaitMessage(r -> {
            String text = MailText.readable(r);
            return text.startsWith(prefix) && text.contains(subject);
        }));
    }

    /** A mail at the next hop as text: readable, or raw for the malformed one that javax.mail cannot read. */
    private static String text(SmtpSink.Received received) {
        try {
            return MailText.readable(received.text());
        } catch (IllegalStateException unreadable) {
            return received.text();
        }
    }

    private static boolean atSink(String subject) {
        return sink.received().stream().anyMatch(r -> text(r).contains(subject));
    }

    /** The held mail with this subject, once James has held it (the SMTP answer comes before the hold). */
    private static Map<String, Object> held(String subject) {
        return webAdmin.awaitHeldMail(subject);
    }

    private static String baseUrl() {
        return "http://localhost:" + conf.webPort;
    }

    private static Path secretsDir() {
        return work.resolve("var/sendguard/secrets");
    }

    @Test
    @Order(1)
    void anApprovalForgedWithTheOldSampleSecretShouldBeRefusedAndTheMailStayHeld() throws Exception {
        String subject = send(TRAINEE);
        String id = (String) held(subject).get("id");
        notice(MANAGER, "[承認依頼]", subject);

        String forged = ForgedLinks.mint(ForgedLinks.secret(OLD_SAMPLE_SECRET), baseUrl(), id, "APPROVE", MANAGER);
        assertThat(Links.get(forged).status).isEqualTo(400);
        assertThat(Links.post(forged, null).status).isEqualTo(400);

        assertThat(held(subject).get("state")).isEqualTo("HELD");
        // the same forgery with the key this server generated works: the refusal above is the secret's doing
        byte[] generated = ForgedLinks.secret(Files.readString(secretsDir().resolve("links.secret")));
        assertThat(Links.post(ForgedLinks.mint(generated, baseUrl(), id, "REJECT", MANAGER), "no").status).isEqualTo(200);
        assertThat(held(subject).get("state")).isEqualTo("REJECTED");
        assertThat(atSink(subject)).isFalse();
    }

    @Test
    @Order(2)
    void aValidApprovalLinkNamingSomeoneWhoIsNotAnApproverShouldBeRefusedInWordsAndTheMailStayHeld() throws Exception {
        String subject = send(TRAINEE);
        String id = (String) held(subject).get("id");
        byte[] secret = ForgedLinks.secret(Files.readString(secretsDir().resolve("links.secret")));

        for (String who : List.of("mallory@example.com", TRAINEE)) {
            String link = ForgedLinks.mint(secret, baseUrl(), id, "APPROVE", who);
            WebAdmin.Response page = Links.get(link);
            WebAdmin.Response post = Links.post(link, null);
            assertThat(page.status).isEqualTo(403);
            assertThat(post.status).isEqualTo(403);
            assertThat(post.body).contains("このメールの承認者ではない").contains("保留されたまま");
        }

        assertThat(held(subject).get("state")).isEqualTo("HELD");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !atSink(subject));
        // the manager's own link still works
        assertThat(Links.postTickingAll(Links.after(notice(MANAGER, "[承認依頼]", subject), "承認する"), null).status).isEqualTo(200);
        sink.awaitMail(r -> text(r).contains(subject), Duration.ofSeconds(60));
    }

    @Test
    @Order(3)
    void aSenderOutsideTheApproverRulesShouldBeApprovedByThePostmaster() throws Exception {
        String subject = send(OUTSIDER);

        assertThat(held(subject).get("approvers")).isEqualTo(List.of(POSTMASTER));
        String approve = Links.after(notice(POSTMASTER, "[承認依頼]", subject), "承認する");
        assertThat(Links.postTickingAll(approve, null).status).isEqualTo(200);

        assertThat(sink.awaitMail(r -> text(r).contains(subject), Duration.ofSeconds(60)).recipients)
            .containsExactly(BOB);
    }

    @Test
    @Order(4)
    void aMalformedMailOfTheApproverHimselfShouldBeApprovedBySomeoneElseAndLeaveByteForByte() throws Exception {
        String subject = "malformed " + UUID.randomUUID();
        String raw = "From: " + MANAGER + "\r\nTo: " + BOB + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@example.com>\r\nMIME-Version: 1.0\r\n" + MALFORMED_HEADER + "\r\n"
            + MALFORMED_BODY;
        submission.sendRawAuthenticated(MANAGER, PASSWORD, raw.getBytes(StandardCharsets.UTF_8), BOB);

        Map<String, Object> held = held(subject);
        assertThat(held.get("mode")).isEqualTo("APPROVAL");
        // the shipped review rule is a double check naming the sender himself: the security officer and the fallback
        assertThat(held.get("approvers")).as("the shipped review rule names the sender himself")
            .isEqualTo(List.of(SECURITY, POSTMASTER));
        assertThat(Links.postTickingAll(Links.after(notice(SECURITY, "[承認依頼]", subject), "承認する"), null).status)
            .isEqualTo(200);
        assertThat(held(subject).get("state")).as("one of two approvals: still held").isEqualTo("HELD");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !atSink(subject));
        String approve = Links.after(notice(POSTMASTER, "[承認依頼]", subject), "承認する");
        assertThat(Links.postTickingAll(approve, null).status).isEqualTo(200);

        SmtpSink.Received received;
        try {
            received = sink.awaitMail(r -> new String(r.raw, StandardCharsets.UTF_8).contains(subject), Duration.ofSeconds(60));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not at the next hop; held mail: " + held(subject) + "\n" + james.logTail(80), e);
        }
        String arrived = new String(received.raw, StandardCharsets.UTF_8);
        assertThat(arrived).contains(MALFORMED_HEADER).endsWith("\r\n\r\n" + MALFORMED_BODY).doesNotContain("X-Sendguard-Hold-Id");
        assertThat(held(subject).get("state")).isEqualTo("RELEASED");
    }

    @Test
    @Order(5)
    void aCorruptHoldEntryShouldBeSetAsideAndTheOtherHeldMailStillReleasedOnTime() throws Exception {
        String broken = send(QUICK);
        String fine = send(QUICK);
        String id = (String) held(broken).get("id");
        held(fine);
        Path meta;
        try (Stream<Path> files = Files.walk(work.resolve("var/sendguard/hold/mails"))) {
            meta = files.filter(p -> p.getParent().getFileName().toString().equals(id) && p.endsWith("meta.properties"))
                .findFirst().orElseThrow();
        }
        Files.write(meta, new byte[] {0, 1, 2, 3});

        SmtpSink.Received received = sink.awaitMail(r -> text(r).contains(fine), Duration.ofSeconds(60));

        assertThat(received.recipients).containsExactly(BOB);
        await().atMost(Duration.ofSeconds(10)).until(() -> webAdmin.get("/sendguard/holds/bad").body.contains(id));
        WebAdmin.Response bad = webAdmin.get("/sendguard/holds/bad");
        assertThat(bad.status).isEqualTo(200);
        assertThat(bad.body).contains("\"count\":1").contains("cannot be claimed");
        assertThat(atSink(broken)).isFalse();
        assertThat(webAdmin.get("/metrics").body).contains("sendguard_hold_set_aside_total 1");
        // the next ticks go on: a later mail is released too
        String later = send(QUICK);
        sink.awaitMail(r -> text(r).contains(later), Duration.ofSeconds(60));
    }

    @Test
    @Order(6)
    void secretsShouldBeGeneratedAtFirstStartPrivateAndKeptSoThatALinkFromBeforeARestartStillWorks() throws Exception {
        Map<String, String> before = new LinkedHashMap<>();
        for (String name : SECRETS) {
            Path file = secretsDir().resolve(name);
            assertThat(file).as(name).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name).isEqualTo("rw-------");
            assertThat(ForgedLinks.secret(Files.readString(file))).as(name).hasSizeGreaterThanOrEqualTo(32);
            before.put(name, Files.readString(file));
        }
        assertThat(conf.read("sendguard.properties")).doesNotContainPattern("(?m)^links\\.secret");
        String subject = send(TRAINEE);
        String approve = Links.after(notice(MANAGER, "[承認依頼]", subject), "承認する");

        james.stop();
        james = JamesProcess.in(work, conf).start();

        for (String name : SECRETS) {
            assertThat(Files.readString(secretsDir().resolve(name))).as(name).isEqualTo(before.get(name));
        }
        assertThat(Links.postTickingAll(approve, null).status).isEqualTo(200);
        sink.awaitMail(r -> text(r).contains(subject), Duration.ofSeconds(60));
    }
}
