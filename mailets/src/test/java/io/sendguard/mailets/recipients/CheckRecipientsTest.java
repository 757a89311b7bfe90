package io.sendguard.mailets.recipients;

import static io.sendguard.mailets.recipients.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.matchers.FindingsAttribute;

class CheckRecipientsTest {
    static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    RecipientLists lists;

    @BeforeEach
    void setUp() {
        lists = RecipientListsFixture.in(dir);
    }

    private CheckRecipients mailet(String... params) throws MessagingException {
        return mailet(lists, params);
    }

    private static CheckRecipients mailet(RecipientLists lists, String... params) throws MessagingException {
        CheckRecipients mailet = new CheckRecipients(lists);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("CheckRecipients")
            .mailetContext(TestMails.localFor(FakeMailContext.defaultContext(), "example.com"));
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private RecordSent recordSent() throws MessagingException {
        RecordSent mailet = new RecordSent(lists);
        mailet.init(FakeMailetConfig.builder().mailetName("RecordSent")
            .mailetContext(TestMails.localFor(FakeMailContext.defaultContext(), "example.com")).build());
        return mailet;
    }

    private static Mail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("m1").sender(ALICE).recipients(recipients)
            .mimeMessage(parse("From: Alice <" + ALICE + ">\nTo: " + String.join(", ", recipients))).build();
    }

    private static List<Finding> check(CheckRecipients mailet, String... recipients) throws Exception {
        Mail mail = mail(recipients);
        mailet.service(mail);
        return FindingsAttribute.read(mail);
    }

    private void sent(String... recipients) throws Exception {
        recordSent().service(mail(recipients));
    }

    @Test
    void serviceShouldRecordALookalikeOfTheSendersLocalDomainNamingBoth() throws Exception {
        List<Finding> findings = check(mailet("firstTime", "off"), "bob@exmaple.com");

        assertThat(findings).containsExactly(Finding.of("recipients.lookalike-domain", "recipients", Severity.HIGH,
            "domain:exmaple.com", "exmaple.com looks like example.com (1 edit)"));
    }

    @Test
    void theSameRecipientDomainShouldBeJudgedAgainForEachMailAndEachKnownList() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off");

        // the second answer comes from the domains seen lately: still the same finding
        assertThat(check(mailet, "bob@exmaple.com")).extracting(Finding::excerpt).containsExactly("exmaple.com looks like example.com (1 edit)");
        assertThat(check(mailet, "carol@exmaple.com")).extracting(Finding::excerpt).containsExactly("exmaple.com looks like example.com (1 edit)");
        // a mail whose From: is not in the local domain has another known list: not taken from the first answer
        Mail other = FakeMail.builder().name("m2").sender("dave@elsewhere.example").recipients("bob@exmaple.com")
            .mimeMessage(parse("From: Dave <dave@elsewhere.example>\nTo: bob@exmaple.com")).build();
        mailet.service(other);
        assertThat(FindingsAttribute.read(other)).isEmpty();
    }

    @Test
    void serviceShouldRecordALookalikeOfAConfiguredDomain() throws Exception {
        List<Finding> findings = check(mailet("firstTime", "off", "lookalikeDomains", "example.co.jp"), "bob@exmaple.co.jp");

        assertThat(findings).extracting(Finding::excerpt).containsExactly("exmaple.co.jp looks like example.co.jp (1 edit)");
    }

    @Test
    void serviceShouldRecordAHomoglyphDomain() throws Exception {
        String cyrillic = IDN.toASCII("ехаmрlе.com");

        List<Finding> findings = check(mailet("firstTime", "off"), "bob@" + cyrillic);

        assertThat(findings).extracting(Finding::excerpt).containsExactly("ехаmрlе.com looks like example.com (look-alike characters)");
    }

    @Test
    void serviceShouldNotRecordALookalikeWhenTheCheckIsOff() throws Exception {
        assertThat(check(mailet("firstTime", "off", "lookalike", "false"), "bob@exmaple.com")).isEmpty();
    }

    @Test
    void serviceShouldRecordALookalikeOfADomainTheSenderWroteTo() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off");
        sent("taro@partner-corp.co.jp");

        assertThat(check(mailet, "taro@partner-crop.co.jp")).extracting(Finding::ruleId, Finding::excerpt)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("recipients.lookalike-domain",
                "partner-crop.co.jp looks like partner-corp.co.jp (1 edit)"));
        assertThat(check(mailet, "taro@partner-corp.co.jp")).isEmpty();
    }

    @Test
    void serviceShouldRecordAHomoglyphOfADomainTheSenderWroteTo() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off");
        sent("taro@partner.example");

        assertThat(check(mailet, "taro@" + IDN.toASCII("раrtnеr.example"))).extracting(Finding::excerpt)
            .containsExactly("раrtnеr.example looks like partner.example (look-alike characters)");
    }

    @Test
    void serviceShouldRecordAFirstTimeDomainUntilAMailToItWasSent() throws Exception {
        CheckRecipients mailet = mailet();

        assertThat(check(mailet, "taro@partner.example")).containsExactly(Finding.of("recipients.first-time-domain",
            "recipients", Severity.LOW, "domain:partner.example", "first mail from this sender to partner.example"));
        assertThat(check(mailet, "taro@partner.example")).hasSize(1); // checking teaches nothing
        sent("taro@partner.example");

        assertThat(check(mailet, "taro@partner.example")).isEmpty();
    }

    @Test
    void serviceShouldRecordAFirstTimeAddressInAKnownDomain() throws Exception {
        CheckRecipients mailet = mailet("firstTimeSeverity", "medium");
        sent("taro@partner.example");

        assertThat(check(mailet, "taro@partner.example", "hanako@partner.example"))
            .containsExactly(Finding.of("recipients.first-time-address", "recipients", Severity.MEDIUM,
                "domain:partner.example", "1 address at partner.example this sender has never written to"));
    }

    @Test
    void serviceShouldNotRecordFirstTimeAddressesWhenOnlyDomainsAreChecked() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "domains");
        sent("taro@partner.example");

        assertThat(check(mailet, "hanako@partner.example")).isEmpty();
    }

    @Test
    void serviceShouldKeepHistoriesOfSendersApart() throws Exception {
        CheckRecipients mailet = mailet();
        recordSent().service(FakeMail.builder().name("m0").sender("carol@example.com").recipient("taro@partner.example")
            .mimeMessage(parse("To: taro@partner.example")).build());

        assertThat(check(mailet, "taro@partner.example")).extracting(Finding::ruleId).containsExactly("recipients.first-time-domain");
    }

    @Test
    void serviceShouldRecordManyExternalRecipientsAboveTheThreshold() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off", "maxExternalRecipients", "2");

        assertThat(check(mailet, "a@one.example", "b@one.example", "carol@example.com")).isEmpty();
        assertThat(check(mailet, "a@one.example", "b@one.example", "c@two.example")).containsExactly(Finding.of(
            "recipients.many-external", "recipients", Severity.MEDIUM, "envelope",
            "3 external recipients in 2 domains (more than 2 external recipients)"));
    }

    @Test
    void serviceShouldRecordManyExternalDomainsAboveTheThreshold() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off", "maxExternalDomains", "1", "manyExternalSeverity", "high");

        assertThat(check(mailet, "a@one.example", "c@two.example")).extracting(Finding::ruleId, Finding::severity)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("recipients.many-external", Severity.HIGH));
    }

    @Test
    void serviceShouldRecordABlockedDomainAndItsSubdomains() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off", "blockedDomains", "competitor.example");

        assertThat(check(mailet, "x@mail.competitor.example")).containsExactly(Finding.of("recipients.blocked-domain",
            "blocked-recipient", Severity.HIGH, "domain:mail.competitor.example", "mail.competitor.example is a blocked domain"));
    }

    @Test
    void serviceShouldIgnoreInternalRecipients() throws Exception {
        CheckRecipients mailet = mailet("internalDomains", "example.co.jp", "maxExternalRecipients", "1");

        assertThat(check(mailet, "carol@example.com", "dave@example.co.jp", "erin@sub.example.co.jp")).isEmpty();
    }

    @Test
    void serviceShouldNotChangeTheMail() throws Exception {
        Mail mail = mail("bob@exmaple.com", "taro@partner.example");

        mailet().service(mail);

        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(mail.getMessage().getHeader("To", ",")).isEqualTo("bob@exmaple.com, taro@partner.example");
    }

    @Test
    void initShouldNameTheParameterWhenTheThresholdIsNotANumber() {
        assertThatThrownBy(() -> mailet("maxExternalRecipients", "many")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("maxExternalRecipients");
    }

    @Test
    void initShouldNameTheParameterWhenTheDomainThresholdIsNegative() {
        assertThatThrownBy(() -> mailet("maxExternalDomains", "-1")).hasMessageContaining("maxExternalDomains");
    }

    @Test
    void initShouldNameTheParameterWhenASeverityIsUnknown() {
        assertThatThrownBy(() -> mailet("lookalikeSeverity", "urgent")).hasMessageContaining("lookalikeSeverity");
        assertThatThrownBy(() -> mailet("manyExternalSeverity", "x")).hasMessageContaining("manyExternalSeverity");
        assertThatThrownBy(() -> mailet("firstTimeSeverity", "x")).hasMessageContaining("firstTimeSeverity");
        assertThatThrownBy(() -> mailet("blockedDomainSeverity", "x")).hasMessageContaining("blockedDomainSeverity");
    }

    @Test
    void initShouldNameTheParameterWhenTheEditDistanceIsOutOfRange() {
        assertThatThrownBy(() -> mailet("maxEditDistance", "3")).hasMessageContaining("maxEditDistance");
    }

    @Test
    void initShouldNameTheParameterWhenADomainListHasABadEntry() {
        assertThatThrownBy(() -> mailet("blockedDomains", "ok.example, bad..example")).hasMessageContaining("blockedDomains");
        assertThatThrownBy(() -> mailet("lookalikeDomains", "a b")).hasMessageContaining("lookalikeDomains");
        assertThatThrownBy(() -> mailet("internalDomains", "@x")).hasMessageContaining("internalDomains");
    }

    @Test
    void initShouldNameTheParameterWhenLookalikeIsNotABoolean() {
        assertThatThrownBy(() -> mailet("lookalike", "maybe")).hasMessageContaining("lookalike");
    }

    @Test
    void initShouldNameTheParameterWhenFirstTimeIsUnknown() {
        assertThatThrownBy(() -> mailet("firstTime", "always")).hasMessageContaining("firstTime");
    }

    @Test
    void initShouldNameLookalikeHistoryWhenTheHistoryCannotBeOpened() {
        assertThatThrownBy(() -> mailet(RecipientListsFixture.withoutHistory(dir), "firstTime", "off"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("lookalikeHistory");
    }

    @Test
    void serviceShouldNotLookAtTheHistoryWhenLookalikeHistoryIsOff() throws Exception {
        CheckRecipients mailet = mailet("firstTime", "off", "lookalikeHistory", "false");
        sent("taro@partner-corp.co.jp");

        assertThat(check(mailet, "taro@partner-crop.co.jp")).isEmpty();
    }

    @Test
    void initShouldNameTheParameterWhenLookalikeHistoryIsNotABoolean() {
        assertThatThrownBy(() -> mailet("lookalikeHistory", "sometimes")).hasMessageContaining("lookalikeHistory");
    }

    @Test
    void initShouldNameFirstTimeWhenTheHistoryCannotBeOpened() {
        assertThatThrownBy(() -> mailet(RecipientListsFixture.withoutHistory(dir)))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("firstTime").hasMessageContaining("sendguard-history.properties");
    }

    @Test
    void initShouldNotNeedTheHistoryWhenFirstTimeAndLookalikeHistoryAreOff() throws Exception {
        CheckRecipients mailet = mailet(RecipientListsFixture.withoutHistory(dir), "firstTime", "off", "lookalikeHistory", "false");

        assertThat(check(mailet, "bob@exmaple.com")).hasSize(1);
    }

    @Test
    void initShouldRefuseAnUnknownParameter() {
        assertThatThrownBy(() -> mailet("maxExternalRecipents", "3")).hasMessageContaining("maxExternalRecipents");
    }

    @Test
    void serviceShouldHoldTheMailForReviewWhenACollaboratorThrowsAnError() throws Exception {
        CheckRecipients mailet = new CheckRecipients(lists);
        mailet.init(FakeMailetConfig.builder().mailetName("CheckRecipients")
            .mailetContext(TestMails.failing(FakeMailContext.defaultContext(), new StackOverflowError())).build());
        Mail mail = FakeMail.builder().name("m1").sender(ALICE).recipient("bob@partner.example")
            .mimeMessage(parse("From: " + ALICE + "\nTo: bob@partner.example")).build();

        mailet.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category, Finding::severity, Finding::excerpt)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("inspection.failed", "uninspectable", Severity.HIGH,
                "the recipient checks could not be made: the structure of the mail is nested too deeply"));
    }
}
