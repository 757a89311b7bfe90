package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Double check (ダブルチェック) through a real James on the shipped conf: mail nobody could inspect waits for two
 * distinct approvers (the manager and the security officer), who approve through the links of their approval
 * requests with the shipped checklist ticked. One approval sends nothing and tells the sender "1/2"; the same
 * approver again does not count; the second approver's approval sends it.
 */
class DoubleCheckIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String MANAGER = "manager@example.com";
    static final String SECURITY = "security@example.com";
    static final String BOB = "bob@partner.example";
    /** No start boundary: what Sendguard cannot inspect goes to the shipped review (uninspectable). */
    static final String MALFORMED = "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\ntext before any boundary\r\n--XYZ--\r\n";

    @TempDir
    static Path work;
    static SmtpSink sink;
    static SendguardConf conf;
    static JamesProcess james;
    static WebAdmin webAdmin;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port());
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        for (String user : List.of(ALICE, MANAGER, SECURITY)) {
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

    @Test
    void anUninspectableMailShouldLeaveOnlyAfterTwoDistinctApproversApprovedThroughTheirLinks() throws Exception {
        String subject = "double check " + UUID.randomUUID();
        String raw = "From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
            + "@example.com>\r\nMIME-Version: 1.0\r\n" + MALFORMED;
        new Smtp(conf.submissionPort).sendRawAuthenticated(ALICE, PASSWORD, raw.getBytes(StandardCharsets.UTF_8), BOB);

        Map<String, Object> held = webAdmin.awaitHeldMail(subject);
        assertThat(held.get("mode")).isEqualTo("APPROVAL");
        assertThat(held.get("approvers")).isEqualTo(List.of(MANAGER, SECURITY));
        assertThat(held.get("approvalsRequired")).isEqualTo(2);
        String managerRequest = notice(MANAGER, "[承認依頼]", subject);
        assertThat(managerRequest).contains("2 人の承認が必要です");
        String managerLink = Links.after(managerRequest, "承認する");

        // approving needs the shipped checklist ticked; refused, the link stays usable
        WebAdmin.Response unticked = Links.post(managerLink, null);
        assertThat(unticked.status).isEqualTo(400);
        assertThat(unticked.body).contains("チェックされていない項目: 件名, 本文, 添付ファイル, 宛先, 配信日時");

        WebAdmin.Response first = Links.postTickingAll(managerLink, "確認しました");
        assertThat(first.status).as(first.body).isEqualTo(200);
        assertThat(first.body).contains("承認を記録しました (1/2)");
        assertThat(notice(ALICE, "[承認 1/2]", subject)).contains("2 人のうち 1 人が承認").contains("確認しました");
        assertThat(webAdmin.heldMail(subject)).containsEntry("state", "HELD").containsEntry("approvals", List.of(MANAGER));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !atSink(subject));

        // another valid approve link for the manager (as a reminder would carry) does not count a second time
        byte[] secret = ForgedLinks.secret(Files.readString(work.resolve("var/sendguard/secrets/links.secret")));
        String managerAgain = ForgedLinks.mint(secret, conf.webUrl(), (String) held.get("id"),
            "APPROVE", MANAGER);
        WebAdmin.Response again = Links.postTickingAll(managerAgain, null);
        assertThat(again.status).isEqualTo(409);
        assertThat(again.body).contains("既に承認しています");
        assertThat(webAdmin.heldMail(subject)).containsEntry("state", "HELD").containsEntry("approvals", List.of(MANAGER));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !atSink(subject));

        WebAdmin.Response second = Links.postTickingAll(Links.after(notice(SECURITY, "[承認依頼]", subject), "承認する"), null);
        assertThat(second.status).as(second.body).isEqualTo(200);

        SmtpSink.Received received = sink.awaitMail(r -> new String(r.raw, StandardCharsets.UTF_8).contains(subject),
            Duration.ofSeconds(60));
        assertThat(received.recipients).containsExactly(BOB);
        assertThat(notice(ALICE, "[承認済み]", subject)).contains(subject);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RELEASED".equals(webAdmin.heldMail(subject).get("state")));
        assertThat(webAdmin.heldMail(subject).get("approvals")).isEqualTo(List.of(MANAGER, SECURITY));
    }

    private static boolean atSink(String subject) {
        return sink.received().stream().anyMatch(r -> new String(r.raw, StandardCharsets.UTF_8).contains(subject));
    }

    private static String notice(String user, String prefix, String subject) {
        return MailText.readable(new Mailbox(conf.imapPort, user, PASSWORD).awaitMessage(r -> {
            String text = MailText.readable(r);
            return text.startsWith(prefix) && text.contains(subject);
        }));
    }
}
