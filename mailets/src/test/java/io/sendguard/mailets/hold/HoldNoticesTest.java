package io.sendguard.mailets.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;

import org.apache.mailet.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;

class HoldNoticesTest {
    @TempDir
    Path dir;

    @Test
    void heldShouldNotNoticeTheNoticeSenderItselfSoThatANoticeAnAliasSendsOnCannotLoop() throws Exception {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        HoldService service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)), settings, clock);
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        service.addListener(new HoldNotices(service, context, ZoneId.of("Asia/Tokyo")));

        service.hold(held("Postmaster@example.com"), body());
        assertThat(context.getSentMails()).as("a notice re-sent by an alias, held: no notice about it").isEmpty();

        service.hold(held("alice@example.com"), body());
        assertThat(context.getSentMails()).as("anybody else's held mail still gets its notice").hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    private HoldService service(FakeMailContext context) {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        HoldService service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)), settings, clock);
        service.addListener(new HoldNotices(service, context, ZoneId.of("Asia/Tokyo")));
        return service;
    }

    private static HeldMail doubleCheck() {
        return HeldMail.builder().sender("alice@example.com").recipients(List.of("bob@partner.example", "carol@partner.example"))
            .subject("見積").createdAt(Instant.now()).mode(HoldMode.APPROVAL).state(HoldState.HELD)
            .approvers(List.of("boss@example.com", "sec@example.com")).attribute(HeldMail.APPROVALS_REQUIRED, "2")
            .releaseProcessor("sendguard-release").dueAt(Instant.now().plusSeconds(3600)).build();
    }

    private static String text(org.apache.mailet.base.test.FakeMailContext.SentMail sent) throws Exception {
        return sent.getMsg().getSubject() + "\n" + sent.getMsg().getContent().toString().replace("\r\n", "\n");
    }

    @Test
    void aDoubleCheckShouldSayHowManyApprovalsItNeedsAndTellTheSenderOneOfTwo() throws Exception {
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        HoldService service = service(context);
        HeldMail mail = service.hold(doubleCheck(), body());
        assertThat(text(context.getSentMails().get(1))).startsWith("[承認依頼] 見積").contains("2 人の承認が必要です");
        context.resetSentMails();

        service.approve(mail.id(), "boss@example.com", "中身は確認しました", java.util.Set.of());

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
            assertThat(text(sent)).startsWith("[承認 1/2] 見積").contains("2 人のうち 1 人が承認").contains("中身は確認しました");
        });
    }

    @Test
    void theReminderShouldGoOnlyToApproversWhoHaveNotApprovedWithTheirLinks() throws Exception {
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        HoldService service = service(context);
        HeldMail mail = service.hold(doubleCheck(), body());
        service.approve(mail.id(), "boss@example.com", "", java.util.Set.of());
        context.resetSentMails();

        new HoldNotices(service, context, ZoneId.of("Asia/Tokyo")).remind(service.store().get(mail.id()).orElseThrow());

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("sec@example.com"));
            assertThat(text(sent)).startsWith("[承認期限が近づいています] 見積").containsPattern("承認する:\\s+http").containsPattern("却下する:\\s+http");
        });
    }

    @Test
    void removingSeveralRecipientsShouldSendOneConfirmationNamingThemAll() throws Exception {
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        HoldService service = service(context);
        HeldMail mail = service.hold(held("alice@example.com").toBuilder()
            .recipients(List.of("a@x.example", "b@x.example", "c@y.example")).build(), body());
        context.resetSentMails();

        service.removeRecipients(mail.id(), List.of("a@x.example", "b@x.example"), "alice@example.com");

        assertThat(context.getSentMails()).singleElement().satisfies(sent ->
            assertThat(text(sent)).startsWith("[宛先取消] s").containsPattern("a@x\\.example\\s+b@x\\.example"));
    }

    private static HeldMail held(String sender) {
        return HeldMail.builder().sender(sender).recipients(List.of("bob@partner.example")).subject("s")
            .messageId("<1@x>").createdAt(Instant.now()).mode(HoldMode.TIMED).state(HoldState.HELD)
            .releaseProcessor("sendguard-release").dueAt(Instant.now().plusSeconds(120)).build();
    }

    private static ByteArrayInputStream body() {
        return new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
