package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.matchers.FindingsAttribute;

class DetectPasswordMailTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MutableClock clock = new MutableClock();
    DetectPasswordMail mailet;

    @BeforeEach
    void setUp() throws MessagingException {
        mailet = configured();
    }

    private DetectPasswordMail configured(String... params) throws MessagingException {
        DetectPasswordMail m = new DetectPasswordMail(new InspectionStats(), clock);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("DetectPasswordMail");
        // these tests hand the mails over one after the other: no waiting for an earlier mail (see the raceWait tests)
        config.setProperty(DetectPasswordMail.PARAM_RACE_WAIT, "0");
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        m.init(config.build());
        return m;
    }

    private static Mail mail(String sender, String subject, String body, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.saveChanges();
        return FakeMail.builder().name("m-" + subject).sender(sender).recipients(recipients).mimeMessage(message).build();
    }

    private Mail encryptedMail(String... recipients) throws Exception {
        Mail mail = mail("alice@example.com", "見積書の送付", "見積書をお送りします。パスワードは別途お送りします。", recipients);
        FindingsAttribute.append(mail, List.of(Finding.of(InspectAttachments.RULE_ENCRYPTED, "attachment", Severity.MEDIUM,
            "attachment:見積書.zip", "encrypted: ZIP (ZipCrypto)")));
        return mail;
    }

    @Test
    void serviceShouldFlagTheShortPasswordMailThatFollowsAnEncryptedAttachmentNamingTheFirstMail() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        Mail second = mail("alice@example.com", "パスワードのご連絡 2026-11", "先ほどのファイルのパスワードです。\nパスワード：Abc12345\n",
            "bob@partner.example");

        mailet.service(second);

        assertThat(FindingsAttribute.read(second)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(DetectPasswordMail.RULE_PASSWORD_MAIL);
            assertThat(f.category()).isEqualTo("ppap");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.excerpt()).contains("3 min", "見積書の送付", "attachment:見積書.zip", "パスワード:****")
                .doesNotContain("Abc12345");
        });
    }

    @Test
    void aPasswordMailLookedAtBeforeItsEncryptedMailWasRecordedShouldWaitForItAndBeFlagged() throws Exception {
        DetectPasswordMail racing = configured(DetectPasswordMail.PARAM_RACE_WAIT, "20s");
        Mail password = mail("alice@example.com", "パスワード", "パスワード：Abc12345", "bob@partner.example");
        java.util.concurrent.CompletableFuture<Void> checked = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                racing.service(password);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // the password mail is waiting

        racing.service(encryptedMail("bob@partner.example"));

        checked.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(FindingsAttribute.read(password)).extracting(Finding::ruleId)
            .containsExactly(DetectPasswordMail.RULE_PASSWORD_MAIL);
    }

    @Test
    void aPasswordMailWithNoEncryptedMailShouldGiveUpAfterRaceWaitAndOtherMailsShouldNotWait() throws Exception {
        DetectPasswordMail racing = configured(DetectPasswordMail.PARAM_RACE_WAIT, "1s");
        Mail password = mail("alice@example.com", "パスワード", "パスワード：Abc12345", "bob@partner.example");
        Mail ordinary = mail("alice@example.com", "明日の件", "明日の打ち合わせは10時からでお願いします。", "bob@partner.example");

        long start = System.nanoTime();
        racing.service(password);
        long waited = System.nanoTime() - start;
        DetectPasswordMail longWait = configured(DetectPasswordMail.PARAM_RACE_WAIT, "1m");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> longWait.service(ordinary));

        assertThat(FindingsAttribute.read(password)).isEmpty();
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(FindingsAttribute.read(ordinary)).isEmpty();
    }

    @Test
    void raceWaitShouldBeCheckedAtStartup() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> configured(DetectPasswordMail.PARAM_RACE_WAIT, "2m"))
            .hasMessageContaining("raceWait").hasMessageContaining("2m");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> configured(DetectPasswordMail.PARAM_RACE_WAIT, "soon"))
            .hasMessageContaining("raceWait").hasMessageContaining("soon");
    }

    @Test
    void serviceShouldFindThePasswordInTheSubjectWhenTheBodyHasNone() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        Mail second = mail("alice@example.com", "PW: x7#Kq9!z", "よろしくお願いします。", "bob@partner.example");

        mailet.service(second);

        assertThat(FindingsAttribute.read(second)).extracting(Finding::excerpt).singleElement()
            .satisfies(e -> assertThat(e).endsWith("PW: ****"));
    }

    @Test
    void serviceShouldNotFlagAShortMailWithoutAPasswordLine() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        Mail second = mail("alice@example.com", "明日の件", "明日の打ち合わせは10時からでお願いします。", "bob@partner.example");

        mailet.service(second);

        assertThat(FindingsAttribute.read(second)).isEmpty();
    }

    @Test
    void serviceShouldNotFlagThePasswordMailWhenRecipientsDoNotOverlapOrTheSenderDiffers() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        Mail otherRecipient = mail("alice@example.com", "pw", "PW: x7#Kq9!z", "carol@other.example");
        Mail otherSender = mail("dave@example.com", "pw", "PW: x7#Kq9!z", "bob@partner.example");

        mailet.service(otherRecipient);
        mailet.service(otherSender);

        assertThat(FindingsAttribute.read(otherRecipient)).isEmpty();
        assertThat(FindingsAttribute.read(otherSender)).isEmpty();
    }

    @Test
    void serviceShouldNotFlagThePasswordMailAfterTheWindow() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        Mail second = mail("alice@example.com", "pw", "パスワード：Abc12345", "bob@partner.example");

        mailet.service(second);

        assertThat(FindingsAttribute.read(second)).isEmpty();
    }

    @Test
    void serviceShouldNotFlagALongMailEvenWithAPasswordLine() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        Mail second = mail("alice@example.com", "report", "パスワード：Abc12345\n" + "本文。".repeat(600), "bob@partner.example");

        mailet.service(second);

        assertThat(FindingsAttribute.read(second)).isEmpty();
    }

    @Test
    void serviceShouldFollowTheActionAndTheMaxLength() throws Exception {
        DetectPasswordMail blocking = configured("action", "block", "maxLength", "5000", "window", "2h");
        blocking.service(encryptedMail("bob@partner.example"));
        clock.now = clock.now.plus(Duration.ofMinutes(90));
        Mail second = mail("alice@example.com", "report", "パスワード：Abc12345\n" + "本文。".repeat(600), "bob@partner.example");

        blocking.service(second);

        assertThat(FindingsAttribute.read(second)).extracting(Finding::severity).containsExactly(Severity.HIGH);
    }

    @Test
    void initShouldNameTheParameterWhenAValueIsInvalid() {
        assertThatThrownBy(() -> configured("window", "soon")).isInstanceOf(MessagingException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> configured("window", "0")).isInstanceOf(MessagingException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> configured("maxLength", "-1")).isInstanceOf(MessagingException.class).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> configured("action", "shout")).isInstanceOf(MessagingException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> configured("triggerRules", " , ")).isInstanceOf(MessagingException.class).hasMessageContaining("triggerRules");
        assertThatThrownBy(() -> configured("windw", "5m")).isInstanceOf(MessagingException.class).hasMessageContaining("windw");
    }

    @Test
    void serviceShouldTurnAnErrorIntoAFindingInsteadOfThrowingIt() throws Exception {
        mailet.service(encryptedMail("bob@partner.example"));
        Mail unreadable = FakeMail.builder().name("m-unreadable").sender("alice@example.com").recipients("bob@partner.example")
            .mimeMessage(MimeAttachmentsTest.overflowing()).build();

        mailet.service(unreadable);

        assertThat(FindingsAttribute.read(unreadable)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("inspection.failed");
            assertThat(f.category()).isEqualTo("uninspectable");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.excerpt()).isEqualTo("the body could not be read: the structure of the mail is nested too deeply");
        });
    }
}
