package io.sendguard.mailets.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.core.finding.Severity;
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

    @Test
    void heldNoticeShouldSayTheFindingsInWordsInBothLanguagesWithTimesInTheConfiguredZone() throws Exception {
        FakeMailContext context = noticesWith("notice.language", "both", "notice.timeZone", "Asia/Tokyo");

        service.hold(held("alice@example.com").toBuilder().recipients(List.of("bob@partner.example", "carol@partner.example"))
            .dueAt(Instant.parse("2026-12-08T00:15:00Z")).attribute(HoldAttributes.FINDINGS, FindingCodec.encode(List.of(
                Finding.of("recipients.first-time-domain", "recipients", Severity.LOW, "domain:partner.example",
                    "first mail from this sender to partner.example")))).build(), body());

        MimeMessage notice = onlyNotice(context);
        String text = text(notice);
        assertThat(notice.getSubject()).isEqualTo("[送信保留][Held] s");
        assertThat(text).contains(
            "  - partner.example へは初めての送信です  （詳細: recipients.first-time-domain, low）\n",
            "  - This is the first mail to partner.example  (details: recipients.first-time-domain, low)\n",
            "送信予定時刻: 2026-12-08 09:15 (JST)\n", "Sending at: 2026-12-08 09:15 (JST)\n")
            .doesNotContain("[low]", "@ domain:");
        assertThat(text.indexOf("次のメールの送信を保留しています")).as("Japanese first").isLessThan(text.indexOf("The following mail is held"));
        // one set of links, shown in both parts
        assertThat(link(text, "送信を取り消す:")).isEqualTo(link(text, "Cancel this mail:")).startsWith("http://");
        assertThat(link(text, "今すぐ送信する:")).isEqualTo(link(text, "Send it now:"));
        assertThat(text).containsOnlyOnce("-- \nSendguard").endsWith("-- \nSendguard 誤送信防止\n");
    }

    @Test
    void inBothLanguagesTheAdminsTextsShouldReplaceTheJapaneseOnes() throws Exception {
        FakeMailContext context = noticesWith("notice.language", "both", "notice.text.heldSubject", "【送信保留】",
            "notice.text.footer", "-- \n情報システム部");

        service.hold(held("alice@example.com"), body());

        MimeMessage notice = onlyNotice(context);
        assertThat(notice.getSubject()).isEqualTo("【送信保留】[Held] s");
        assertThat(text(notice)).contains("次のメールの送信を保留しています", "The following mail is held",
            "Inspection: nothing found").endsWith("-- \n情報システム部\n");
    }

    @Test
    void anEnglishNoticeShouldHaveNoJapanesePart() throws Exception {
        FakeMailContext context = noticesWith("notice.language", "en", "notice.timeZone", "UTC");

        service.hold(held("alice@example.com").toBuilder().dueAt(Instant.parse("2026-12-08T00:15:00Z")).build(), body());

        MimeMessage notice = onlyNotice(context);
        assertThat(notice.getSubject()).isEqualTo("[Held] s");
        assertThat(text(notice)).contains("Sending at: 2026-12-08 00:15 (UTC)")
            .doesNotContain("送信", "----------");
    }

    private HoldService service;

    private FakeMailContext noticesWith(String... keysAndValues) throws Exception {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)), settings, clock);
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        service.addListener(new HoldNotices(service, context, settings.timeZone()));
        return context;
    }

    private static MimeMessage onlyNotice(FakeMailContext context) throws Exception {
        assertThat(context.getSentMails()).hasSize(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        context.getSentMails().get(0).getMsg().writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    /** The text of a notice, with plain line ends. */
    private static String text(MimeMessage notice) throws Exception {
        return ((String) notice.getContent()).replace("\r\n", "\n");
    }

    /** The link on the line after a label. */
    private static String link(String text, String label) {
        int at = text.indexOf(label);
        assertThat(at).as(label).isNotNegative();
        return text.substring(at + label.length()).trim().split("\\s+")[0];
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

    @Test
    void everyNoticeToTheSenderShouldCarryHerSignInLinkAndApproversNone() throws Exception {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        HoldService linked = new HoldService(FileHoldStore.open(dir.resolve("linked"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("linked-tokens"), clock)),
            settings, clock);
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        linked.addListener(new HoldNotices(linked, context, ZoneId.of("Asia/Tokyo"),
            sender -> java.util.Optional.of("https://sendguard.example.com/signin/link/for-" + sender)));

        HeldMail mail = linked.hold(doubleCheck(), body());
        linked.perform(mail.id(), io.sendguard.hold.token.TokenAction.CANCEL, null, "alice@example.com", "");

        List<String> toAlice = new java.util.ArrayList<>();
        for (FakeMailContext.SentMail sent : context.getSentMails()) {
            String text = text(sent);
            if (sent.getRecipients().contains(new MailAddress("alice@example.com"))) {
                toAlice.add(text);
            } else {
                assertThat(text).doesNotContain("/signin/link/");
            }
        }
        assertThat(toAlice).hasSize(2).allSatisfy(text -> assertThat(text)
            .contains("自分の保留メールを見る:\n  https://sendguard.example.com/signin/link/for-alice@example.com"));
    }

    private static ByteArrayInputStream body() {
        return new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
