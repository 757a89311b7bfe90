package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldQuery;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;

class HoldTest {
    @TempDir
    Path dir;
    HoldService service;

    @BeforeEach
    void setUp() {
        service = service(dir);
    }

    /** A hold service on files under {@code dir}. */
    static HoldService service(Path dir) {
        return service(dir, new Properties());
    }

    /** A hold service on files under {@code dir}, with these settings (sendguard.properties keys) too. */
    static HoldService service(Path dir, Properties more) {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        p.putAll(more);
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        return new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)), settings, clock);
    }

    private Hold mailet(String... params) throws Exception {
        Hold hold = new Hold(service);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("Hold").mailetContext(
            org.apache.mailet.base.test.FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")));
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        hold.init(config.build());
        return hold;
    }

    private static Mail mail(String sender, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("見積書", "UTF-8");
        message.setText("body", "UTF-8");
        message.saveChanges();
        return FakeMail.builder().name("m1").sender(sender).recipients(recipients).mimeMessage(message).build();
    }

    private List<HeldMail> held() {
        return service.store().list(HoldQuery.all()).items();
    }

    @Test
    void serviceShouldStoreTheMailAndEndItsProcessing() throws Exception {
        Mail mail = mail("alice@example.com", "bob@partner.example");

        mailet("delay", "5m").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(held()).singleElement().satisfies(h -> {
            assertThat(h.subject()).isEqualTo("見積書");
            assertThat(h.recipients()).containsExactly("bob@partner.example");
            assertThat(h.mode()).isEqualTo(HoldMode.TIMED);
            assertThat(h.releaseProcessor()).isEqualTo("sendguard-release");
        });
    }

    @Test
    void serviceShouldListAttachmentsWithRawUtf8NamesDecodedForTheNotices() throws Exception {
        MimeMessage message = InspectAttachmentsTest.mailWithRawUtf8FileName("見積.zip", new byte[] {1, 2, 3});
        Mail mail = FakeMail.builder().name("m1").sender("alice@example.com").recipients("bob@partner.example")
            .mimeMessage(message).build();

        mailet("delay", "5m").service(mail);

        assertThat(io.sendguard.mailets.hold.HoldAttributes.decodeAttachments(
            held().get(0).attributes().get(io.sendguard.mailets.hold.HoldAttributes.ATTACHMENTS)))
            .extracting(a -> a.name).containsExactly("見積.zip");
    }

    @Test
    void serviceShouldUseTheLongDelayWhenTheMailGoesToManyDomains() throws Exception {
        Hold hold = mailet("delay", "1m", "longDelay", "1h", "longDelayDomains", "2");

        hold.service(mail("alice@example.com", "a@one.example", "b@two.example"));

        HeldMail h = held().get(0);
        assertThat(h.dueAt().orElseThrow()).isAfter(h.createdAt().plusSeconds(3000));
    }

    @Test
    void approvalShouldUseTheMostSpecificRulePlusStandIns() throws Exception {
        Hold hold = mailet("mode", "approval", "approvers", "*@example.com=manager@example.com; alice@example.com=boss@example.com",
            "standInApprovers", "deputy@example.com");

        hold.service(mail("alice@example.com", "bob@partner.example"));

        assertThat(held().get(0).approvers()).containsExactly("boss@example.com", "deputy@example.com");
    }

    @Test
    void approvalShouldGoToThePostmasterWhenNoRuleCoversTheSender() throws Exception {
        Hold hold = mailet("mode", "approval", "approvers", "*@example.com=manager@example.com");

        hold.service(mail("dave@example.org", "bob@partner.example"));

        assertThat(held().get(0).approvers()).containsExactly("postmaster@example.com");
    }

    @Test
    void approvalOfAnApproversOwnMailShouldGoToTheFallbackApproversNeverToTheSender() throws Exception {
        Hold hold = mailet("mode", "approval", "approvers", "*=manager@example.com",
            "fallbackApprovers", "manager@example.com, ciso@example.com postmaster");

        hold.service(mail("manager@example.com", "bob@partner.example"));

        assertThat(held().get(0).approvers()).containsExactly("ciso@example.com", "postmaster@example.com");
    }

    @Test
    void approvalShouldLeaveNoApproverOnlyWhenTheSenderIsTheOnlyFallbackApprover() throws Exception {
        Hold hold = mailet("mode", "approval", "approvers", "*=postmaster@example.com");

        hold.service(mail("postmaster@example.com", "bob@partner.example"));

        assertThat(held().get(0).approvers()).isEmpty();
        assertThat(held().get(0).state()).isEqualTo(io.sendguard.hold.HoldState.HELD);
    }

    @Test
    void serviceShouldSendTheMailToTheErrorProcessorWithTheReasonWhenHoldingThrowsAnError() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public String getMessageID() {
                throw new StackOverflowError();
            }
        };
        message.setText("body");
        Mail mail = FakeMail.builder().name("m1").sender("alice@example.com").recipients("bob@partner.example")
            .mimeMessage(message).build();

        mailet("delay", "5m", "errorProcessor", "sendguard-review").service(mail);

        assertThat(mail.getState()).isEqualTo("sendguard-review");
        assertThat(mail.getErrorMessage()).contains("could not hold").contains("nested too deeply");
        assertThat(held()).isEmpty();
    }

    @Test
    void nullSenderMailShouldNotBeHeld() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setText("bounce");
        message.saveChanges();
        Mail mail = FakeMail.builder().name("m2").recipient("bob@partner.example").mimeMessage(message).build();

        mailet().service(mail);

        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(held()).isEmpty();
    }

    @Test
    void aDoubleCheckShouldBeStoredOnTheHeldMail() throws Exception {
        Hold hold = mailet("mode", "approval", "approvers", "*=manager@example.com security@example.com",
            "approvalsRequired", "2");

        hold.service(mail("alice@example.com", "bob@partner.example"));

        assertThat(held().get(0).approvalsRequired()).isEqualTo(2);
        assertThat(held().get(0).approvers()).containsExactly("manager@example.com", "security@example.com");
    }

    @Test
    void approvalsRequiredShouldDefaultToTheSettingAndOneApproverRuleShouldThenFailInitNamingIt() throws Exception {
        Properties p = new Properties();
        p.setProperty("approval.required", "2");
        service = service(dir.resolve("double"), p);

        mailet("mode", "approval", "approvers", "*=a@example.com", "standInApprovers", "b@example.com")
            .service(mail("alice@example.com", "bob@partner.example"));
        assertThat(held().get(0).approvalsRequired()).isEqualTo(2);
        assertThatThrownBy(() -> mailet("mode", "approval", "approvers", "*=a@example.com"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("approval.required").hasMessageContaining("*=a@example.com");
        assertThat(mailet("mode", "approval", "approvers", "*=a@example.com", "approvalsRequired", "1")).isNotNull();
    }

    @Test
    void initShouldRefuseMoreApprovalsThanTheApproverRuleCanGive() {
        assertThatThrownBy(() -> mailet("mode", "approval", "approvers",
            "*@example.com=a@example.com b@example.com; boss@example.com=a@example.com", "approvalsRequired", "2"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("approvalsRequired")
            .hasMessageContaining("boss@example.com=a@example.com");
        assertThatThrownBy(() -> mailet("mode", "approval", "approvers", "*=a@example.com b@example.com",
            "approvalsRequired", "6")).hasMessageContaining("approvalsRequired");
        assertThatThrownBy(() -> mailet("mode", "timed", "approvalsRequired", "2")).hasMessageContaining("approvalsRequired");
    }

    @Test
    void aDoubleCheckOfAnApproversOwnMailShouldAddTheFallbackApprovers() throws Exception {
        Hold hold = mailet("mode", "approval", "approvers", "*=manager@example.com security@example.com",
            "approvalsRequired", "2");

        hold.service(mail("manager@example.com", "bob@partner.example"));

        assertThat(held().get(0).approvers()).containsExactly("security@example.com", "postmaster@example.com");
    }

    @Test
    void initShouldNameTheParameterWhenTheDelayIsInvalid() {
        assertThatThrownBy(() -> mailet("delay", "five minutes")).isInstanceOf(MessagingException.class).hasMessageContaining("delay");
    }

    @Test
    void initShouldRefuseApprovalModeWithoutApprovers() {
        assertThatThrownBy(() -> mailet("mode", "approval")).isInstanceOf(MessagingException.class).hasMessageContaining("approvers");
    }

    @Test
    void initShouldNameTheBadApproverRule() {
        assertThatThrownBy(() -> mailet("mode", "approval", "approvers", "*@example.com manager@example.com"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("approvers");
    }

    @Test
    void initShouldNameUnknownParameters() {
        assertThatThrownBy(() -> mailet("delai", "5m")).isInstanceOf(MessagingException.class).hasMessageContaining("delai");
    }

    @Test
    void initShouldNameTheBadModeAndTimeoutPolicy() {
        assertThatThrownBy(() -> mailet("mode", "later")).hasMessageContaining("mode");
        assertThatThrownBy(() -> mailet("onTimeout", "drop")).hasMessageContaining("onTimeout");
    }
}
