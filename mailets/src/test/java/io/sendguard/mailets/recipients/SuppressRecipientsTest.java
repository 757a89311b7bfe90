package io.sendguard.mailets.recipients;

import static io.sendguard.mailets.recipients.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.suppression.SuppressionReason;
import io.sendguard.matchers.FindingsAttribute;

class SuppressRecipientsTest {
    static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    RecipientLists lists;
    FakeMailContext context;

    @BeforeEach
    void setUp() throws Exception {
        RecipientListsFixture.writeSuppressionFile(dir, "# 退会者\ngone@partner.example\n@closed.example\n");
        lists = RecipientListsFixture.in(dir);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
    }

    private SuppressRecipients mailet(String... params) throws MessagingException {
        SuppressRecipients mailet = new SuppressRecipients(lists);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("SuppressRecipients").mailetContext(context);
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(String headers, String... recipients) throws Exception {
        return FakeMail.builder().name("m1").sender(ALICE).recipients(recipients)
            .mimeMessage(parse("From: " + ALICE + "\n" + headers + "\nSubject: 見積\n\nbody")).build();
    }

    private MimeMessage notice() throws Exception {
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        assertThat(sent.getRecipients()).extracting(MailAddress::asString).containsExactly(ALICE);
        assertThat(sent.getAttributes()).containsEntry(io.sendguard.matchers.IsSendguardNotice.ATTRIBUTE,
            io.sendguard.matchers.IsSendguardNotice.MARK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sent.getMsg().writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void serviceShouldRemoveSuppressedRecipientsFromTheEnvelopeAndTheHeaders() throws Exception {
        Mail mail = mail("To: Taro <taro@partner.example>, Gone <GONE@partner.example>\nCc: x@mail.closed.example",
            "taro@partner.example", "gone@partner.example", "x@mail.closed.example");

        mailet().service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly("taro@partner.example");
        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("Taro <taro@partner.example>");
        assertThat(mail.getMessage().getHeader("Cc")).isNull();
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(FindingsAttribute.read(mail)).containsExactly(Finding.of("recipients.suppressed", "recipients",
            Severity.INFO, "envelope", "2 suppressed recipients removed (listed)"));
    }

    @Test
    void serviceShouldTellTheSenderWhichRecipientsWereRemovedAndWhy() throws Exception {
        lists.suppressions().put("bounced@partner.example", SuppressionReason.BOUNCED);
        Mail mail = mail("To: taro@partner.example, bounced@partner.example", "taro@partner.example", "bounced@partner.example");

        mailet().service(mail);

        MimeMessage notice = notice();
        assertThat(notice.getSubject()).isEqualTo("[宛先削除][Recipients removed] 見積");
        assertThat((String) notice.getContent()).contains("bounced@partner.example - 配信不能", "bounced@partner.example - bounced",
            "残りの宛先には通常どおり送信されます", "The other recipients get the mail as usual")
            .doesNotContain("taro@partner.example");
    }

    @Test
    void serviceShouldEndTheMailAfterTheNoticeWhenNobodyRemains() throws Exception {
        Mail mail = mail("To: gone@partner.example", "gone@partner.example");

        mailet("language", "en").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        MimeMessage notice = notice();
        assertThat(notice.getSubject()).isEqualTo("[Recipients removed] 見積");
        assertThat((String) notice.getContent()).contains("No recipient remains").doesNotContain("宛先");
    }

    @Test
    void everyRemovalShouldBeRecordedInTheAuditTrailAlsoWhenTheMailEnds() throws Exception {
        io.sendguard.mailets.audit.RecordingAuditLog log = new io.sendguard.mailets.audit.RecordingAuditLog();
        SuppressRecipients mailet = mailet();
        mailet.setAuditing(log);
        Mail ended = mail("To: gone@partner.example, x@closed.example", "gone@partner.example", "x@closed.example");
        Mail partly = mail("To: taro@partner.example, gone@partner.example", "taro@partner.example", "gone@partner.example");
        Mail untouched = mail("To: taro@partner.example", "taro@partner.example");

        mailet.service(ended);
        mailet.service(partly);
        mailet.service(untouched);

        assertThat(log.events).hasSize(2);
        io.sendguard.audit.AuditEvent first = log.events.get(0);
        assertThat(first.type()).isEqualTo(io.sendguard.audit.AuditEventType.SUPPRESSED);
        assertThat(first.sender()).hasValue(ALICE);
        assertThat(first.recipients()).containsExactly("gone@partner.example", "x@closed.example");
        assertThat(first.details()).containsEntry("mailEnded", "true").containsEntry("remaining", "0")
            .containsEntry("reasons", "listed");
        io.sendguard.audit.AuditEvent second = log.events.get(1);
        assertThat(second.recipients()).containsExactly("gone@partner.example");
        assertThat(second.details()).containsEntry("mailEnded", "false").containsEntry("remaining", "1");
    }

    @Test
    void theNoticeShouldEndWithTheConfiguredFooter() throws Exception {
        Mail mail = mail("To: gone@partner.example, taro@partner.example", "gone@partner.example", "taro@partner.example");

        mailet("footer", "--\n    問い合わせ: 情報システム部\n    内線 1234").service(mail);

        assertThat(((String) notice().getContent()).replace("\r\n", "\n")).endsWith("-- \n問い合わせ: 情報システム部\n内線 1234\n");
    }

    @Test
    void serviceShouldKeepAGroupWithoutTheRemovedMember() throws Exception {
        Mail mail = mail("To: Team: a@partner.example, gone@partner.example;", "a@partner.example", "gone@partner.example");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("Team: a@partner.example;");
    }

    @Test
    void serviceShouldPutAPlaceholderWhenToIsLeftEmpty() throws Exception {
        Mail mail = mail("To: gone@partner.example\nCc: taro@partner.example", "gone@partner.example", "taro@partner.example");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(mail.getMessage().getHeader("Cc", ",")).isEqualTo("taro@partner.example");
    }

    @Test
    void serviceShouldChangeNothingWhenNoRecipientIsSuppressed() throws Exception {
        Mail mail = mail("To: taro@partner.example", "taro@partner.example");

        mailet().service(mail);

        assertThat(mail.getRecipients()).hasSize(1);
        assertThat(FindingsAttribute.read(mail)).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void serviceShouldSeeEntriesAddedThroughTheSharedList() throws Exception {
        SuppressRecipients mailet = mailet("severity", "low");
        lists.suppressions().put("@unsubscribed.example", SuppressionReason.UNSUBSCRIBED);
        Mail mail = mail("To: a@unsubscribed.example, taro@partner.example", "a@unsubscribed.example", "taro@partner.example");

        mailet.service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly("taro@partner.example");
        assertThat(FindingsAttribute.read(mail)).extracting(Finding::severity, Finding::excerpt)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.LOW, "1 suppressed recipient removed (unsubscribed)"));
    }

    @Test
    void initShouldNameTheParameterWhenTheLanguageIsUnknown() {
        assertThatThrownBy(() -> mailet("language", "fr")).isInstanceOf(MessagingException.class).hasMessageContaining("language");
    }

    @Test
    void initShouldNameTheParameterWhenTheSeverityIsUnknown() {
        assertThatThrownBy(() -> mailet("severity", "loud")).hasMessageContaining("severity");
    }

    @Test
    void initShouldNameTheParameterWhenFromIsNotAnAddress() {
        assertThatThrownBy(() -> mailet("from", "not an address")).hasMessageContaining("from");
    }

    @Test
    void initShouldNameTheFileWhenTheSuppressionFileIsBroken() throws Exception {
        RecipientListsFixture.writeSuppressionFile(dir, "ok@partner.example\nbroken\n");
        lists = RecipientListsFixture.in(dir);

        assertThatThrownBy(this::mailet).isInstanceOf(MessagingException.class)
            .hasMessageContaining("sendguard-suppression.txt line 2");
    }

    @Test
    void serviceShouldHoldTheMailForReviewWhenTheNoticeCannotBeSentBecauseOfAnError() throws Exception {
        SuppressRecipients mailet = new SuppressRecipients(lists);
        mailet.init(FakeMailetConfig.builder().mailetName("SuppressRecipients")
            .mailetContext(TestMails.failing(context, new OutOfMemoryError("test"))).build());
        Mail mail = mail("To: taro@partner.example, gone@partner.example", "taro@partner.example", "gone@partner.example");

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category, Finding::severity)
            .contains(org.assertj.core.groups.Tuple.tuple("inspection.failed", "uninspectable", io.sendguard.core.finding.Severity.HIGH));
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }
}
