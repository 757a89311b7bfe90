package io.sendguard.mailets.recipients;

import static io.sendguard.mailets.recipients.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.history.RecipientFacts;
import io.sendguard.core.history.SendingHistory;

class RecordSentTest {
    @TempDir
    Path dir;

    private RecordSent mailet(RecipientLists lists, String... params) throws MessagingException {
        RecordSent mailet = new RecordSent(lists);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RecordSent")
            .mailetContext(TestMails.localFor(FakeMailContext.defaultContext(), "example.com"));
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    @Test
    void serviceShouldTeachTheHistoryTheExternalRecipients() throws Exception {
        RecipientLists lists = RecipientListsFixture.in(dir);
        Mail mail = FakeMail.builder().name("m1").sender("Alice@Example.com")
            .recipients("Taro@Partner.Example", "carol@example.com").mimeMessage(parse("To: x@y.example")).build();

        mailet(lists).service(mail);

        SendingHistory history = lists.history();
        assertThat(history.contains("alice@example.com", RecipientFacts.domain("partner.example"))).isTrue();
        assertThat(history.contains("alice@example.com", RecipientFacts.address("taro@partner.example"))).isTrue();
        assertThat(history.contains("alice@example.com", RecipientFacts.domain("example.com"))).isFalse();
        assertThat(mail.getRecipients()).hasSize(2);
    }

    @Test
    void serviceShouldTeachNothingWhenTheSenderIsNull() throws Exception {
        RecipientLists lists = RecipientListsFixture.in(dir);
        Mail mail = FakeMail.builder().name("m1").recipients("taro@partner.example").mimeMessage(parse("To: x@y.example")).build();

        mailet(lists).service(mail);

        assertThat(lists.history().size()).isZero();
    }

    @Test
    void initShouldFailNamingTheSettingsFileWhenTheHistoryCannotBeOpened() {
        assertThatThrownBy(() -> mailet(RecipientListsFixture.withoutHistory(dir))).isInstanceOf(MessagingException.class)
            .hasMessageContaining("sendguard-history.properties");
    }

    @Test
    void initShouldRefuseAnyParameter() {
        assertThatThrownBy(() -> mailet(RecipientListsFixture.in(dir), "directory", "x")).hasMessageContaining("directory");
    }

    @Test
    void serviceShouldLetTheReleasedMailGoOnWhenACollaboratorThrowsAnError() throws Exception {
        RecordSent mailet = new RecordSent(RecipientListsFixture.in(dir));
        mailet.init(FakeMailetConfig.builder().mailetName("RecordSent")
            .mailetContext(TestMails.failing(FakeMailContext.defaultContext(), new StackOverflowError())).build());
        Mail mail = org.apache.mailet.base.test.FakeMail.builder().name("m1").sender("alice@example.com")
            .recipient("bob@partner.example").mimeMessage(parse("From: alice@example.com\nTo: bob@partner.example")).build();
        long failuresBefore = io.sendguard.core.failsafe.Failsafe.failures();

        mailet.service(mail);

        assertThat(mail.getState()).isNotEqualTo(Mail.ERROR).isNotEqualTo(Mail.GHOST);
        assertThat(io.sendguard.core.failsafe.Failsafe.failures()).isGreaterThan(failuresBefore);
    }
}
