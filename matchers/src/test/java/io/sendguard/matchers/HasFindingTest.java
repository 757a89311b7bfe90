package io.sendguard.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;

class HasFindingTest {
    private static HasFinding matcher(String condition) throws MessagingException {
        HasFinding matcher = new HasFinding();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasFinding").condition(condition).build());
        return matcher;
    }

    private static Mail mailWith(Finding... findings) throws MessagingException {
        Mail mail = FakeMail.builder().name("m1").recipients("a@remote.example", "b@remote.example").build();
        FindingsAttribute.append(mail, List.of(findings));
        return mail;
    }

    @Test
    void matchShouldReturnAllRecipientsWhenCategoryAndSeverityMatch() throws MessagingException {
        Mail mail = mailWith(Finding.of("attachment.blocked-type", "attachment", Severity.HIGH, "attachment:x.exe", ""));

        assertThat(matcher("attachment:high").match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldReturnEmptyWhenSeverityIsBelowMinimum() throws MessagingException {
        Mail mail = mailWith(Finding.of("r", "attachment", Severity.MEDIUM, "", ""));

        assertThat(matcher("attachment:high").match(mail)).isEmpty();
    }

    @Test
    void matchShouldReturnEmptyWhenMailHasNoFindings() throws MessagingException {
        assertThat(matcher("*").match(mailWith())).isEmpty();
    }

    @Test
    void matchShouldAcceptAnyCategoryWhenConditionIsStar() throws MessagingException {
        Mail mail = mailWith(Finding.of("r", "keyword", Severity.LOW, "", ""));

        assertThat(matcher("attachment, *").match(mail)).hasSize(2);
    }

    @Test
    void initShouldThrowWhenSeverityIsUnknown() {
        assertThatThrownBy(() -> matcher("attachment:severe"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'severe'");
    }

    @Test
    void initShouldThrowWhenConditionIsMissing() {
        assertThatThrownBy(() -> matcher(null))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("needs a condition");
    }

    @Test
    void initShouldThrowWhenAnEntryIsEmpty() {
        assertThatThrownBy(() -> matcher("attachment,,keyword"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("empty entry");
    }

    @Test
    void matchShouldReturnAllRecipientsWhenTheFindingsCannotBeRead() throws MessagingException {
        Mail mail = FakeMail.builder().name("m1").recipients("a@remote.example", "b@remote.example").build();
        mail.setAttribute(new org.apache.mailet.Attribute(org.apache.mailet.AttributeName.of(FindingsAttribute.NAME),
            org.apache.mailet.AttributeValue.of("not\ta finding")));

        assertThat(matcher("attachment:high").match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }
}
