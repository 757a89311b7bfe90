package io.sendguard.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class IsSendguardNoticeTest {
    private static IsSendguardNotice matcher(String condition) throws MessagingException {
        IsSendguardNotice matcher = new IsSendguardNotice();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSendguardNotice").condition(condition).build());
        return matcher;
    }

    private static Mail mail() throws MessagingException {
        return FakeMail.builder().name("m1").sender("alice@example.com").recipients("a@remote.example", "b@remote.example").build();
    }

    @Test
    void matchShouldReturnAllRecipientsWhenTheMailCarriesTheMark() throws MessagingException {
        Mail mail = mail();
        mail.setAttribute(IsSendguardNotice.MARK);

        assertThat(matcher(null).match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldReturnEmptyWhenTheMailWasSentByAnotherMailet() throws MessagingException {
        Mail mail = mail();
        mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);

        assertThat(matcher(null).match(mail)).isEmpty();
    }

    @Test
    void matchShouldReturnEmptyWhenOnlyHeadersClaimToBeANotice() throws Exception {
        Mail mail = FakeMail.builder().name("m1").sender("sendguard@example.com").recipient("leak@partner.example")
            .mimeMessage(new javax.mail.internet.MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(("From: Sendguard <sendguard@example.com>\r\nAuto-Submitted: auto-generated\r\n"
                    + IsSendguardNotice.ATTRIBUTE_NAME + ": true\r\nSubject: notice\r\n\r\nbody")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
            .build();

        assertThat(matcher(null).match(mail)).isEmpty();
    }

    @Test
    void matchShouldReturnEmptyWhenTheMarkHasAnotherValue() throws MessagingException {
        Mail mail = mail();
        mail.setAttribute(new Attribute(IsSendguardNotice.ATTRIBUTE, AttributeValue.of("true")));

        assertThat(matcher(null).match(mail)).isEmpty();
    }

    @Test
    void initShouldFailWhenGivenACondition() {
        assertThatThrownBy(() -> matcher("relay")).isInstanceOf(MessagingException.class).hasMessageContaining("no condition");
    }
}
