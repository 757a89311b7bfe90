package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * Mail James sends on by itself (a group alias RecipientRewriteTable rewrites to an outside address, a null
 * sender) through a real James with the shipped conf: only Sendguard's own notices skip inspection. The attacks:
 * 社外秘 content to {@code team@example.com -> leak@partner.example}, from an authenticated user and from an
 * outside sender, used to leave at once; a null-sender mail of an authenticated user (verifyIdentity off) used to
 * go straight to relay. Each now ends in the quarantine, not at the next hop; the notices Sendguard sends to
 * outside approvers still get there.
 */
class ForwardRoutingIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String TRAINEE = "trainee@example.com";
    static final String TEAM = "team@example.com";
    static final String LEAK = "leak@partner.example";
    static final String OUTSIDER = "someone@outside.example";
    static final String OUTSIDE_APPROVER = "boss@partner.example";
    static final String QUARANTINE = "/mailRepositories/var%2Fmail%2Fsendguard-quarantine/mails";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;
    static Smtp inbound;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("1s")
            // an approver outside the organisation, for the trainee's approval hold
            .replace("mailetcontainer.xml", "<approvers>*@example.com=manager@example.com</approvers>",
                "<approvers>*@example.com=" + OUTSIDE_APPROVER + "</approvers>")
            // an admin switched verifyIdentity off: an authenticated user may send MAIL FROM:<>
            .replace("smtpserver.xml", "<verifyIdentity>true</verifyIdentity>", "<verifyIdentity>false</verifyIdentity>");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(TRAINEE, PASSWORD);
        WebAdmin.Response group = webAdmin.put("/address/groups/" + TEAM + "/" + LEAK, null);
        assertThat(group.status).as(group.toString()).isEqualTo(204);
        submission = new Smtp(conf.submissionPort);
        inbound = new Smtp(conf.smtpPort);
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

    static String tag(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static MimeMessage confidential(String from, String subject) throws Exception {
        return Smtp.text(submission.newMessage(), from, TEAM, subject, "この資料は社外秘です。\n見積を添付します。");
    }

    /** The quarantined mails (sender, recipients) as WebAdmin lists them. */
    static List<JsonNode> quarantined() throws Exception {
        WebAdmin.Response keys = webAdmin.get(QUARANTINE);
        if (keys.status == 404) {
            return List.of();
        }
        assertThat(keys.status).as(keys.toString()).isEqualTo(200);
        List<JsonNode> mails = new ArrayList<>();
        for (JsonNode key : JSON.readTree(keys.body)) {
            WebAdmin.Response mail = webAdmin.get(QUARANTINE + "/" + key.asText());
            if (mail.status == 200) {
                mails.add(JSON.readTree(mail.body));
            }
        }
        return mails;
    }

    static JsonNode awaitQuarantined(String sender, String recipient) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> quarantined().stream().anyMatch(m -> is(m, sender, recipient)));
        try {
            return quarantined().stream().filter(m -> is(m, sender, recipient)).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean is(JsonNode mail, String sender, String recipient) {
        return mail.path("sender").asText().equals(sender) && mail.path("recipients").toString().contains(recipient);
    }

    static boolean atSink(String subject) {
        return sink.received().stream().anyMatch(r -> MailText.readable(r.text()).contains(subject));
    }

    @Test
    void confidentialMailToAGroupAliasOfAnOutsideAddressShouldBeQuarantinedNotSent() throws Exception {
        String subject = tag("alias attack");

        submission.sendAuthenticated(ALICE, PASSWORD, confidential(ALICE, subject), TEAM);

        // the sender is told, as when she writes to the outside address herself
        String notice = new Mailbox(james.conf().imapPort, ALICE, PASSWORD)
            .awaitMessage(m -> MailText.readable(m).contains(subject) && MailText.readable(m).contains("keyword.confidential"));
        assertThat(MailText.readable(notice)).contains(LEAK);
        awaitQuarantined(ALICE, LEAK);
        assertThat(atSink(subject)).as("the rewritten mail left for " + LEAK).isFalse();
    }

    @Test
    void confidentialMailOfAnOutsideSenderForwardedByAnAliasShouldBeQuarantinedWithoutNoticeToTheOutsider() throws Exception {
        String subject = tag("outside alias");

        inbound.sendAnonymously(OUTSIDER, confidential(OUTSIDER, subject), TEAM);

        JsonNode held = awaitQuarantined(OUTSIDER, LEAK);
        assertThat(held.path("state").asText()).isEqualTo("sendguard-sent-on-quarantine");
        // a clean mail of the same outsider to the same alias is forwarded (no hold: nobody inside could cancel it)
        String clean = tag("outside clean");
        inbound.sendAnonymously(OUTSIDER, Smtp.text(inbound.newMessage(), OUTSIDER, TEAM, clean, "hello"), TEAM);
        SmtpSink.Received forwarded = sink.awaitMail(r -> MailText.readable(r.text()).contains(clean), Duration.ofSeconds(60));
        assertThat(forwarded.recipients).containsExactly(LEAK);
        assertThat(atSink(subject)).as("the confidential mail was forwarded").isFalse();
        assertThat(sink.received()).as("nothing goes back to the outside sender (no hold links, no block notice)")
            .noneMatch(r -> r.recipients.contains(OUTSIDER));
    }

    @Test
    void nullSenderMailOfAnAuthenticatedUserShouldBeQuarantinedNotRelayed() throws Exception {
        String subject = tag("null sender");
        String raw = "From: " + ALICE + "\r\nTo: bob@partner.example\r\nSubject: " + subject
            + "\r\nMessage-ID: <" + UUID.randomUUID() + "@client.test>\r\n\r\nnothing to see here\r\n";

        submission.sendRawAuthenticatedAs(ALICE, PASSWORD, "", raw.getBytes(StandardCharsets.US_ASCII), "bob@partner.example");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> quarantined().stream().anyMatch(m -> m.path("recipients").toString().contains("bob@partner.example")
                && (m.path("sender").isNull() || m.path("sender").asText().isEmpty() || m.path("sender").asText().equals("<>"))));
        assertThat(atSink(subject)).isFalse();
    }

    @Test
    void approvalRequestToAnOutsideApproverShouldStillReachIt() throws Exception {
        String subject = tag("trainee");

        submission.sendAuthenticated(TRAINEE, PASSWORD,
            Smtp.text(submission.newMessage(), TRAINEE, "bob@partner.example", subject, "hello"), "bob@partner.example");

        SmtpSink.Received request = sink.awaitMail(r -> r.recipients.contains(OUTSIDE_APPROVER)
            && MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
        assertThat(request.mailFrom).isNotEmpty();
        assertThat(sink.received()).as("the held mail itself did not leave")
            .noneMatch(r -> r.recipients.contains("bob@partner.example") && MailText.readable(r.text()).contains(subject));
    }
}
