package io.sendguard.mailets.recipients;

import static io.sendguard.mailets.recipients.TestMails.headerSection;
import static io.sendguard.mailets.recipients.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.matchers.FindingsAttribute;

class ConvertToBccTest {
    static final String ALICE = "alice@example.com";
    static final String CAROL = "carol@example.com";
    static final String EXTERNAL_TO = "a@partner.example, b@partner.example, c@other.example";

    FakeMailContext sent;

    @BeforeEach
    void setUp() {
        sent = FakeMailContext.defaultContext();
    }

    private ConvertToBcc mailet(String... params) throws MessagingException {
        ConvertToBcc mailet = new ConvertToBcc();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ConvertToBcc")
            .mailetContext(TestMails.localFor(sent, "example.com"));
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(String headers, String... recipients) throws Exception {
        return FakeMail.builder().name("m1").sender(ALICE).recipients(recipients).mimeMessage(parse(headers)).build();
    }

    private static Mail mailTo(String to, String cc, String... recipients) throws Exception {
        return mail("From: Alice <" + ALICE + ">\nTo: " + to + (cc == null ? "" : "\nCc: " + cc), recipients);
    }

    @Test
    void serviceShouldHideExternalRecipientsWhenThresholdIsReached() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO + ", " + CAROL, null, "a@partner.example", "b@partner.example", "c@other.example", CAROL);

        mailet("minExternalRecipients", "3").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo(CAROL);
        assertThat(headerSection(mail.getMessage())).doesNotContain("partner.example").doesNotContain("other.example");
    }

    @Test
    void serviceShouldKeepEveryEnvelopeRecipient() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO, null, "a@partner.example", "b@partner.example", "c@other.example", "hidden@third.example");

        mailet("minExternalRecipients", "3").service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString)
            .containsExactly("a@partner.example", "b@partner.example", "c@other.example", "hidden@third.example");
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void serviceShouldSetUndisclosedRecipientsWhenNoAddressRemainsInTo() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO, CAROL, "a@partner.example");

        mailet("minExternalRecipients", "3").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(mail.getMessage().getHeader("Cc", ",")).isEqualTo(CAROL);
    }

    @Test
    void serviceShouldPutTheSenderInToWithPlaceholderSender() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO, null, "a@partner.example");

        mailet("minExternalRecipients", "3", "placeholder", "sender").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("Alice <alice@example.com>");
    }

    @Test
    void serviceShouldNotChangeTheMailBelowTheThreshold() throws Exception {
        Mail mail = mailTo("a@partner.example, b@partner.example, " + CAROL, "c@Partner.example, A@PARTNER.example", "a@partner.example");
        String before = TestMails.raw(mail.getMessage());

        mailet("minExternalRecipients", "4").service(mail);

        assertThat(TestMails.raw(mail.getMessage())).isEqualTo(before);
        assertThat(FindingsAttribute.read(mail)).isEmpty();
    }

    @Test
    void serviceShouldCountExternalAddressesInCc() throws Exception {
        Mail mail = mailTo("a@partner.example", "b@partner.example, c@other.example", "a@partner.example");

        mailet("minExternalRecipients", "3").service(mail);

        assertThat(mail.getMessage().getHeader("Cc")).isNull();
    }

    @Test
    void serviceShouldHideWhenTheExternalDomainThresholdIsReached() throws Exception {
        Mail mail = mailTo("a@one.example, b@two.example", null, "a@one.example");

        mailet("minExternalRecipients", "0", "minExternalDomains", "2").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
    }

    @Test
    void serviceShouldAlwaysHideWithPolicyAlways() throws Exception {
        Mail mail = mailTo("a@partner.example", null, "a@partner.example");

        mailet("policy", "always").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
    }

    @Test
    void serviceShouldAlwaysHideMailOfListedSenders() throws Exception {
        Mail mail = mail("From: news@example.com\nTo: a@partner.example", "a@partner.example");

        mailet("senders", "News@Example.com").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
    }

    @Test
    void serviceShouldHideInternalAddressesWhenKeepInternalVisibleIsFalse() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO + ", " + CAROL, null, "a@partner.example");

        mailet("minExternalRecipients", "3", "keepInternalVisible", "false").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
    }

    @Test
    void serviceShouldTreatConfiguredDomainsAndTheirSubdomainsAsInternal() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO + ", x@corp.example, y@tokyo.corp.example", null, "a@partner.example");

        mailet("minExternalRecipients", "3", "internalDomains", "corp.example").service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("x@corp.example, y@tokyo.corp.example");
    }

    @Test
    void serviceShouldRecordAnInfoFindingForTheHoldNotice() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO + ", " + CAROL, "d@other.example", "a@partner.example");

        mailet("minExternalRecipients", "3").service(mail);

        assertThat(FindingsAttribute.read(mail)).containsExactly(Finding.of("recipients.converted-to-bcc", "recipients",
            Severity.INFO, "header:To/Cc", "4 external recipients in 2 domains hidden"));
    }

    @Test
    void serviceShouldKeepTheMessageIdAndBody() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO, null, "a@partner.example");

        mailet("minExternalRecipients", "3").service(mail);

        assertThat(mail.getMessage().getMessageID()).isEqualTo("<original@example.com>");
        assertThat(TestMails.raw(mail.getMessage())).endsWith("\r\n\r\nbody\r\n");
    }

    @Test
    void serviceShouldHideAnUnparseableHeaderEvenBelowTheThreshold() throws Exception {
        Mail mail = mailTo(CAROL + ", \"broken <a@partner.example>", null, "a@partner.example");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(headerSection(mail.getMessage())).doesNotContain("partner.example");
        assertThat(FindingsAttribute.read(mail)).singleElement()
            .satisfies(f -> assertThat(f.excerpt()).contains("unparseable To removed"));
    }

    @Test
    void serviceShouldSendAMailWithAnUnparseableHeaderToTheConfiguredProcessor() throws Exception {
        Mail mail = mailTo("<<a@partner.example", null, "a@partner.example");
        String before = TestMails.raw(mail.getMessage());

        mailet("onUnparseable", "sendguard-quarantine").service(mail);

        assertThat(mail.getState()).isEqualTo("sendguard-quarantine");
        assertThat(TestMails.raw(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void serviceShouldSendOneCopyPerExternalRecipientInSplitMode() throws Exception {
        Mail mail = mailTo("=?UTF-8?B?5bGx55Sw?= <a@partner.example>, b@partner.example", "c@other.example, " + CAROL,
            "a@partner.example", "b@partner.example", "c@other.example", "hidden@third.example");

        mailet("mode", "split", "minExternalRecipients", "3").service(mail);

        List<FakeMailContext.SentMail> copies = sent.getSentMails();
        assertThat(copies).hasSize(4);
        for (FakeMailContext.SentMail copy : copies) {
            String recipient = copy.getRecipients().iterator().next().asString();
            assertThat(copy.getRecipients()).hasSize(1);
            assertThat(copy.getState()).isEqualTo("relay");
            assertThat(copy.getSender().asString()).isEqualTo(ALICE);
            assertThat(copy.getMsg().getHeader("To", ",")).endsWith(recipient.equals("a@partner.example") ? "<a@partner.example>" : recipient);
            assertThat(copy.getMsg().getHeader("Cc")).isNull();
            String headers = headerSection(copy.getMsg());
            for (String other : List.of("a@partner.example", "b@partner.example", "c@other.example", "hidden@third.example")) {
                if (!other.equals(recipient)) {
                    assertThat(headers).doesNotContain(other);
                }
            }
        }
        assertThat(copies.get(0).getMsg().getHeader("To", ",")).isEqualTo("=?UTF-8?B?5bGx55Sw?= <a@partner.example>");
        List<String> ids = copies.stream().map(c -> messageId(c.getMsg())).collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates().doesNotContain("<original@example.com>");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void serviceShouldKeepTheInternalRecipientsOnTheOriginalInSplitMode() throws Exception {
        Mail mail = mailTo(EXTERNAL_TO + ", " + CAROL, null, "a@partner.example", "b@partner.example", "c@other.example", CAROL);

        mailet("mode", "split", "minExternalRecipients", "3").service(mail);

        assertThat(sent.getSentMails()).hasSize(3);
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly(CAROL);
        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo(CAROL);
        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId).containsExactly("recipients.split");
    }

    @Test
    void serviceShouldAddressAMailForOneExternalRecipientInPlaceInSplitMode() throws Exception {
        Mail mail = mailTo("a@partner.example, b@partner.example", "c@other.example", "a@partner.example");

        mailet("mode", "split", "policy", "always").service(mail);

        assertThat(sent.getSentMails()).isEmpty();
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("a@partner.example");
        assertThat(mail.getMessage().getHeader("Cc")).isNull();
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<original@example.com>");
        assertThat(FindingsAttribute.read(mail)).extracting(Finding::excerpt).containsExactly("2 external recipients in 2 domains hidden");
    }

    @Test
    void serviceShouldLeaveASplitCopyAsItIsWhenItComesBack() throws Exception {
        Mail mail = mailTo("a@partner.example, b@partner.example", null, "a@partner.example", "b@partner.example");
        ConvertToBcc mailet = mailet("mode", "split", "policy", "always");
        mailet.service(mail);
        FakeMailContext.SentMail copy = sent.getSentMails().get(0);
        Mail again = FakeMail.builder().name("m2").sender(ALICE).recipients(List.copyOf(copy.getRecipients())).mimeMessage(copy.getMsg()).build();
        String before = TestMails.raw(again.getMessage());

        mailet.service(again);

        assertThat(sent.getSentMails()).hasSize(2);
        assertThat(TestMails.raw(again.getMessage())).isEqualTo(before);
        assertThat(FindingsAttribute.read(again)).isEmpty();
    }

    @Test
    void splitCopiesOfAReleasedHeldMailShouldCarryItsReleaseMarks() throws Exception {
        Mail mail = mailTo("a@partner.example, b@partner.example", null, "a@partner.example", "b@partner.example");
        io.sendguard.hold.HeldMailId id = io.sendguard.hold.HeldMailId.random();
        io.sendguard.mailets.hold.ReleasedCopy.mark(mail, id, 3);

        mailet("mode", "split", "policy", "always").service(mail);

        assertThat(sent.getSentMails()).hasSize(2).allSatisfy(c -> {
            assertThat(c.getAttributes()).containsKey(org.apache.mailet.AttributeName.of("sendguard.heldMailId"));
            assertThat(c.getAttributes().get(org.apache.mailet.AttributeName.of(io.sendguard.mailets.hold.ReleasedCopy.ATTEMPT))
                .getValue().value()).isEqualTo(3);
        });
    }

    @Test
    void serviceShouldSendCopiesToTheSplitProcessor() throws Exception {
        Mail mail = mailTo("a@partner.example, b@partner.example", null, "a@partner.example", "b@partner.example");

        mailet("mode", "split", "policy", "always", "splitProcessor", "sendguard-release").service(mail);

        assertThat(sent.getSentMails()).hasSize(2).allSatisfy(c -> assertThat(c.getState()).isEqualTo("sendguard-release"));
    }

    @Test
    void serviceShouldNotSplitBelowTheThreshold() throws Exception {
        Mail mail = mailTo("a@partner.example, b@partner.example", null, "a@partner.example", "b@partner.example");

        mailet("mode", "split", "minExternalRecipients", "3").service(mail);

        assertThat(sent.getSentMails()).isEmpty();
        assertThat(mail.getRecipients()).hasSize(2);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requiredProcessingStateShouldNameTheSplitProcessorInSplitMode() throws Exception {
        assertThat(mailet("mode", "split").requiredProcessingState()).containsExactly(new ProcessingState("relay"));
    }

    @Test
    void requiredProcessingStateShouldNameTheUnparseableProcessor() throws Exception {
        assertThat(mailet("onUnparseable", "sendguard-quarantine").requiredProcessingState())
            .containsExactly(new ProcessingState("sendguard-quarantine"));
    }

    @Test
    void requiredProcessingStateShouldBeEmptyInBccModeWithHide() throws Exception {
        assertThat(mailet().requiredProcessingState()).isEmpty();
    }

    @Test
    void initShouldRejectAnUnknownParameter() {
        assertThatThrownBy(() -> mailet("minRecipients", "3")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("minRecipients");
    }

    @Test
    void initShouldRejectAnUnknownMode() {
        assertThatThrownBy(() -> mailet("mode", "hide")).hasMessageContaining("mode").hasMessageContaining("bcc or split");
    }

    @Test
    void initShouldRejectAnUnknownPolicy() {
        assertThatThrownBy(() -> mailet("policy", "sometimes")).hasMessageContaining("policy");
    }

    @Test
    void initShouldRejectANonNumericMinExternalRecipients() {
        assertThatThrownBy(() -> mailet("minExternalRecipients", "ten")).hasMessageContaining("minExternalRecipients");
    }

    @Test
    void initShouldRejectANegativeMinExternalRecipients() {
        assertThatThrownBy(() -> mailet("minExternalRecipients", "-1")).hasMessageContaining("minExternalRecipients");
    }

    @Test
    void initShouldRejectAnInvalidMinExternalDomains() {
        assertThatThrownBy(() -> mailet("minExternalDomains", "2x")).hasMessageContaining("minExternalDomains");
    }

    @Test
    void initShouldRejectASenderThatIsNotAnAddress() {
        assertThatThrownBy(() -> mailet("senders", "news@example.com, newsletter")).hasMessageContaining("senders")
            .hasMessageContaining("newsletter");
    }

    @Test
    void initShouldRejectAnInvalidKeepInternalVisible() {
        assertThatThrownBy(() -> mailet("keepInternalVisible", "maybe")).hasMessageContaining("keepInternalVisible");
    }

    @Test
    void initShouldRejectAnUnknownPlaceholder() {
        assertThatThrownBy(() -> mailet("placeholder", "nobody")).hasMessageContaining("placeholder");
    }

    @Test
    void initShouldRejectAnInvalidInternalDomain() {
        assertThatThrownBy(() -> mailet("internalDomains", "example.com, not a domain")).hasMessageContaining("internalDomains")
            .hasMessageContaining("not a domain");
    }

    @Test
    void initShouldRejectAnInvalidSplitProcessor() {
        assertThatThrownBy(() -> mailet("mode", "split", "splitProcessor", "re lay")).hasMessageContaining("splitProcessor");
    }

    @Test
    void initShouldRejectAnInvalidOnUnparseable() {
        assertThatThrownBy(() -> mailet("onUnparseable", "drop it")).hasMessageContaining("onUnparseable");
    }

    @Test
    void initShouldRejectAThresholdPolicyThatNeverApplies() {
        assertThatThrownBy(() -> mailet("minExternalRecipients", "0")).hasMessageContaining("never applies");
    }

    @Test
    void serviceShouldHideEveryVisibleRecipientAndHoldForReviewWhenACollaboratorThrowsAnError() throws Exception {
        ConvertToBcc mailet = new ConvertToBcc();
        mailet.init(FakeMailetConfig.builder().mailetName("ConvertToBcc")
            .mailetContext(TestMails.failing(sent, new StackOverflowError())).build());
        Mail mail = mailTo(EXTERNAL_TO, CAROL, "a@partner.example", "b@partner.example", "c@other.example", CAROL);

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(mail.getMessage().getHeader("Cc")).isNull();
        assertThat(headerSection(mail.getMessage())).doesNotContain("partner.example", "other.example");
        assertThat(mail.getRecipients()).hasSize(4);
        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("inspection.failed", "uninspectable"));
        assertThat(messageId(mail.getMessage())).isEqualTo("<original@example.com>");
    }
}
