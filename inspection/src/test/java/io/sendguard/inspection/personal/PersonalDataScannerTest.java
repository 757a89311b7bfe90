package io.sendguard.inspection.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.inspection.extract.TextSegment;

class PersonalDataScannerTest {
    private final PersonalDataScanner scanner = new PersonalDataScanner(PersonalDataPolicy.defaults());
    private final PersonalDataCorpus values = new PersonalDataCorpus(1L);

    @Test
    void scanShouldAskApprovalWhenALabelledMyNumberIsPresentAndShowOnlyTheLastFourDigits() {
        List<Finding> findings = scanner.scan(List.of(TextSegment.of("body:text/plain", "マイナンバー：123456789018 をお送りします")));

        assertThat(findings).extracting(Finding::ruleId, Finding::category, Finding::severity, Finding::location)
            .containsExactly(tuple("personal-data.my-number", "personal-data", Severity.MEDIUM, "body:text/plain"));
        assertThat(findings.get(0).excerpt()).contains("**** **** 9018").doesNotContain("123456789018", "5678");
    }

    @Test
    void scanShouldFindNothingWhenAValidLookingNumberHasNoLabel() {
        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "注文番号 123456789018 の件")))).isEmpty();
    }

    @Test
    void scanShouldTagOneCardAndAskApprovalForTenDistinctCards() {
        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "card 4111 1111 1111 1111"))))
            .extracting(Finding::ruleId, Finding::severity).containsExactly(tuple("personal-data.card", Severity.LOW));

        StringBuilder ten = new StringBuilder("カード番号一覧\n");
        for (int i = 0; i < 10; i++) {
            String card = values.card();
            ten.append(card).append('\n').append(card).append('\n');
        }
        List<Finding> findings = scanner.scan(List.of(TextSegment.of("attachment:cards.csv", ten.toString())));
        assertThat(findings).extracting(Finding::ruleId, Finding::severity).containsExactly(tuple("personal-data.card", Severity.MEDIUM));
        assertThat(findings.get(0).excerpt()).startsWith("10 distinct (confidence up to high): ").contains("****");
    }

    @Test
    void scanShouldBlockAHundredAddressesAndNameTheLocationWithMostOfThem() {
        StringBuilder csv = new StringBuilder("name,email\n");
        for (int i = 0; i < 100; i++) {
            csv.append("user").append(i).append(",user").append(i).append("@example.com\n");
        }
        List<Finding> findings = scanner.scan(List.of(TextSegment.of("body:text/plain", "see attached, from taro@example.com"),
            TextSegment.of("attachment:list.csv", csv.toString())));

        assertThat(findings).extracting(Finding::ruleId, Finding::severity, Finding::location)
            .containsExactly(tuple("personal-data.email-list", Severity.HIGH, "attachment:list.csv"));
        assertThat(findings.get(0).excerpt()).contains("u***@example.com").doesNotContain("user0@");
    }

    @Test
    void scanShouldNotCountTheSendersSignatureWhenCountingPhoneNumbers() {
        StringBuilder body = new StringBuilder("ご連絡先一覧\n");
        for (int i = 0; i < 19; i++) {
            body.append("090-1234-").append(1000 + i).append('\n');
        }
        body.append("--\n山田\nTEL 03-1111-2222\n携帯 090-9999-8888\n");

        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", body.toString())))).isEmpty();
        assertThat(new PersonalDataScanner(PersonalDataPolicy.from(props("ignoreSignature", "false")))
            .scan(List.of(TextSegment.of("body:text/plain", body.toString()))))
            .extracting(Finding::ruleId).containsExactly("personal-data.phone");
    }

    @Test
    void scanShouldCountTheSameNumberOnceWhenItIsInTheTextAndTheHtmlPart() {
        String body = "マイナンバー 123456789018";
        List<PersonalDataMatch> matches = scanner.matches(List.of(TextSegment.of("body:text/plain", body), TextSegment.of("body:text/html", body)));
        assertThat(matches).hasSize(2);
        assertThat(scanner.findings(matches).get(0).excerpt()).startsWith("1 distinct");
    }

    private static java.util.Properties props(String k, String v) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty(k, v);
        return p;
    }
}
