package io.sendguard.mailets.recipients;

import static io.sendguard.mailets.recipients.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class VisibleRecipientsTest {
    static final List<String> TO_CC = List.of("To", "Cc");
    static final String SHANAI = InternalDomains.normalize("社内.jp").orElseThrow();
    static final String TATOE = IDN.toASCII("例え.jp");
    static final InternalDomains DOMAINS = new InternalDomains(List.of(SHANAI), "example.com"::equals);
    static final Predicate<String> INTERNAL = DOMAINS::isInternal;

    private static VisibleRecipients read(MimeMessage message) throws Exception {
        return VisibleRecipients.read(message, INTERNAL);
    }

    @Test
    void readShouldFindGroupMembers() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: Team: a@partner.example, b@other.example;, carol@example.com");

        VisibleRecipients visible = read(message);

        assertThat(visible.externalAddresses(TO_CC)).containsExactly("a@partner.example", "b@other.example");
        assertThat(visible.externalDomains(TO_CC)).containsExactly("partner.example", "other.example");
    }

    @Test
    void hideExternalShouldKeepInternalGroupMembersInTheirGroup() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: Team: a@partner.example, carol@example.com;, Other: b@other.example;");

        read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo("Team: carol@example.com;");
    }

    @Test
    void hideExternalShouldKeepEncodedDisplayNamesOfInternalAddressesByteForByte() throws Exception {
        String iso2022jp = "=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <carol@example.com>";
        String utf8 = "=?UTF-8?B?5bGx55Sw?= <dave@example.com>";
        MimeMessage message = parse("From: alice@example.com\nTo: " + iso2022jp + ",\n =?UTF-8?B?5bGx55Sw?= <bob@partner.example>\nCc: " + utf8);

        VisibleRecipients.Hidden hidden = read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo(iso2022jp);
        assertThat(message.getHeader("Cc", ",")).isEqualTo(utf8);
        assertThat(hidden.addressCount()).isEqualTo(1);
    }

    @Test
    void readShouldTakeTheAddressAndIgnoreComments() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: bob@partner.example (Bob at partner.example), carol@example.com (Carol)");

        VisibleRecipients visible = read(message);

        assertThat(visible.externalAddresses(TO_CC)).containsExactly("bob@partner.example");
    }

    @Test
    void readShouldCountDuplicatesDifferingInCaseOnce() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: Bob@Partner.Example, bob@partner.example\nCc: BOB@PARTNER.EXAMPLE");

        assertThat(read(message).externalAddresses(TO_CC)).containsExactly("bob@partner.example");
    }

    @Test
    void hideExternalShouldNotRepeatAnInternalAddressDifferingInCase() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: carol@example.com, Carol@EXAMPLE.com, bob@partner.example");

        read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo("carol@example.com");
    }

    @Test
    void readShouldCompareInternationalizedDomainsInTheirAsciiForm() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: taro@例え.jp, TARO@" + TATOE.toUpperCase(Locale.ROOT)
            + ", hanako@社内.jp, jiro@dept." + SHANAI.toUpperCase(Locale.ROOT));

        VisibleRecipients visible = read(message);

        assertThat(visible.externalAddresses(TO_CC)).containsExactly("taro@" + TATOE);
        assertThat(SHANAI).startsWith("xn--");
        assertThat(visible.mailboxes(TO_CC)).filteredOn(VisibleRecipients.Mailbox::internal).hasSize(2);
    }

    @Test
    void hideExternalShouldMergeSeveralToHeaders() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: bob@partner.example, carol@example.com\nTo: dave@example.com, eve@other.example");

        VisibleRecipients.Hidden hidden = read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To")).containsExactly("carol@example.com, dave@example.com");
        assertThat(hidden.addressCount()).isEqualTo(2);
        assertThat(hidden.domainCount()).isEqualTo(2);
    }

    @Test
    void hideExternalShouldSetThePlaceholderWhenNoAddressRemainsInTo() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: bob@partner.example\nCc: carol@example.com, eve@other.example");

        read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(message.getHeader("Cc", ",")).isEqualTo("carol@example.com");
    }

    @Test
    void hideExternalShouldRemoveCcLeftEmptyAndEveryBlindHeader() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: carol@example.com\nCc: bob@partner.example\n"
            + "Bcc: eve@other.example\nResent-To: carol@example.com, frank@other.example\nResent-Cc: gina@other.example\nResent-Bcc: h@other.example");

        read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("Cc")).isNull();
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("Resent-Bcc")).isNull();
        assertThat(message.getHeader("Resent-Cc")).isNull();
        assertThat(message.getHeader("Resent-To", ",")).isEqualTo("carol@example.com");
        assertThat(message.getHeader("To", ",")).isEqualTo("carol@example.com");
    }

    @Test
    void hideExternalShouldHideInternalAddressesWhenNotKeptVisible() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: carol@example.com, bob@partner.example");

        read(message).hideExternal(message, false, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
    }

    @Test
    void readShouldReportAnUnparseableHeaderWithoutFailing() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: \"unterminated <bob@partner.example>, carol@example.com\nCc: dave@example.com");

        VisibleRecipients visible = read(message);

        assertThat(visible.unparseableHeaders()).containsExactly("To");
        assertThat(visible.externalAddresses(TO_CC)).isEmpty();
    }

    @Test
    void hideExternalShouldRemoveAnUnparseableHeaderWhole() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: carol@example.com, <<bob@partner.example\nCc: dave@example.com, a@@partner.example");

        VisibleRecipients.Hidden hidden = read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(message.getHeader("Cc")).isNull();
        assertThat(hidden.unparseableHeaders()).containsExactly("To", "Cc");
        assertThat(TestMails.headerSection(message)).doesNotContain("partner.example");
    }

    @Test
    void readShouldTreatAnAddressWithoutDomainAsExternal() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: bob");

        assertThat(read(message).externalAddresses(TO_CC)).containsExactly("bob");
    }

    @Test
    void renderShouldDropADisplayNameThatLooksLikeAnAddress() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nTo: \"bob@partner.example\" <carol@example.com>");

        read(message).hideExternal(message, true, VisibleRecipients.UNDISCLOSED);

        assertThat(message.getHeader("To", ",")).isEqualTo("carol@example.com");
    }

    @Test
    void groupNameShouldIgnoreColonsInQuotedStrings() {
        assertThat(VisibleRecipients.groupName("\"a:b\": x@y.example;")).isEqualTo("\"a:b\"");
    }

    @Test
    void fromMailboxShouldReturnTheFirstFromAddress() throws Exception {
        MimeMessage message = parse("From: Alice <alice@example.com>\nTo: bob@partner.example");

        assertThat(VisibleRecipients.fromMailbox(message)).contains("Alice <alice@example.com>");
    }

    @Test
    void isInternalShouldCountSubdomainsOfConfiguredDomainsAndNotLookalikes() {
        InternalDomains domains = new InternalDomains(List.of("corp.example"), d -> false);

        assertThat(domains.isInternal("corp.example")).isTrue();
        assertThat(domains.isInternal("tokyo.corp.example")).isTrue();
        assertThat(domains.isInternal("evilcorp.example")).isFalse();
    }
}
