package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.matchers.FindingsAttribute;

class NotifyBlockedTest {
    @Test
    void serviceShouldTellTheSenderWhatWasFoundWhereInBothLanguages() throws Exception {
        FakeMailContext context = FakeMailContext.builder().postmaster(new org.apache.james.core.MailAddress("postmaster@example.com")).build();
        NotifyBlocked mailet = new NotifyBlocked();
        mailet.init(FakeMailetConfig.builder().mailetName("NotifyBlocked").mailetContext(context).build());
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("見積", "UTF-8");
        message.setText("x");
        message.saveChanges();
        Mail mail = FakeMail.builder().name("m1").sender("alice@example.com").recipient("bob@partner.example")
            .mimeMessage(message).build();
        FindingsAttribute.append(mail, List.of(Finding.of("keyword.confidential", "confidential", Severity.HIGH,
            "attachment:a.zip!/report.docx", "…この資料は社外秘です…")));

        mailet.service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
            // marked as Sendguard's own notice (the only mail the transport processor lets skip inspection)
            assertThat(sent.getAttributes()).containsEntry(io.sendguard.matchers.IsSendguardNotice.ATTRIBUTE,
                io.sendguard.matchers.IsSendguardNotice.MARK);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sent.getMsg().writeTo(out);
            MimeMessage notice = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(out.toByteArray()));
            assertThat(notice.getSubject()).startsWith("[送信停止][Blocked] 見積");
            // each finding in words in both languages, the rule code and severity only as a trailing detail
            assertThat(((String) notice.getContent()).replace("\r\n", "\n")).contains(
                "  - 添付ファイル a.zip 内の report.docx に社外秘・極秘などの表示があります: 「…この資料は社外秘です…」  （詳細: keyword.confidential, high）\n",
                "  - The file report.docx in the attachment a.zip carries a confidentiality marking: \"…この資料は社外秘です…\""
                    + "  (details: keyword.confidential, high)\n",
                "次のメールは送信されませんでした", "The following mail was NOT sent")
                .doesNotContain("[high]", "@ attachment:");
        });
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void theIntroductionsAndTheFooterShouldBeTheAdminsWhenGiven() throws Exception {
        FakeMailContext context = FakeMailContext.builder().postmaster(new org.apache.james.core.MailAddress("postmaster@example.com")).build();
        NotifyBlocked mailet = new NotifyBlocked();
        mailet.init(FakeMailetConfig.builder().mailetName("NotifyBlocked").mailetContext(context)
            .setProperty("introJa", "\n                このメールは送信されませんでした。\n                内線 1234 までご連絡ください。\n            ")
            .setProperty("introEn", "Not sent. Call extension 1234.")
            .setProperty("footer", "--\n                情報システム部").build());
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("report", "UTF-8");
        message.setText("x");
        message.saveChanges();
        Mail mail = FakeMail.builder().name("m1").sender("alice@example.com").recipient("bob@partner.example")
            .mimeMessage(message).build();

        mailet.service(mail);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        context.getSentMails().get(0).getMsg().writeTo(out);
        String text = (String) new MimeMessage(Session.getInstance(new Properties()),
            new java.io.ByteArrayInputStream(out.toByteArray())).getContent();
        assertThat(text.replace("\r\n", "\n"))
            .startsWith("このメールは送信されませんでした。\n内線 1234 までご連絡ください。\n\n件名: report")
            .contains("Not sent. Call extension 1234.\n\nSubject: report")
            .endsWith("-- \n情報システム部\n")
            .doesNotContain("次のメールは送信されませんでした", "The following mail was NOT sent");
    }

    @Test
    void initShouldNameTheParameterWhenTheLanguageIsUnknown() {
        assertThatThrownBy(() -> new NotifyBlocked().init(FakeMailetConfig.builder().mailetName("n")
            .setProperty("language", "fr").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("language");
    }

    @Test
    void serviceShouldNotThrowAndLeaveTheMailBlockedWhenTheNoticeCannotBeWritten() throws Exception {
        FakeMailContext context = FakeMailContext.builder().postmaster(new org.apache.james.core.MailAddress("postmaster@example.com")).build();
        NotifyBlocked mailet = new NotifyBlocked();
        mailet.init(FakeMailetConfig.builder().mailetName("NotifyBlocked").mailetContext(context).build());
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public String getSubject() {
                throw new StackOverflowError();
            }
        };
        Mail mail = FakeMail.builder().name("m1").sender("alice@example.com").recipient("bob@partner.example")
            .mimeMessage(message).state("sendguard-quarantine").build();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("sendguard-quarantine");
        assertThat(context.getSentMails()).isEmpty();
    }
}
