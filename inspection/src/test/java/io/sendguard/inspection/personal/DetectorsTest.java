package io.sendguard.inspection.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.inspection.extract.TextSegment;

class DetectorsTest {
    private final PersonalDataScanner scanner = new PersonalDataScanner(PersonalDataPolicy.defaults());

    private List<PersonalDataMatch> matches(String location, String text) {
        return scanner.matches(List.of(TextSegment.of(location, text)));
    }

    private List<PersonalDataMatch> matches(String text) {
        return matches("attachment:data.txt", text);
    }

    @Test
    void myNumberShouldBeHighWhenLabelledAndMaskedToTheLastFourDigits() {
        assertThat(matches("マイナンバー: 1234 5678 9018 です"))
            .extracting(PersonalDataMatch::kind, PersonalDataMatch::confidence, PersonalDataMatch::masked)
            .containsExactly(tuple(PersonalDataKind.MY_NUMBER, Confidence.HIGH, "**** **** 9018"));
        assertThat(matches("my number is 1234-5678-9018")).extracting(PersonalDataMatch::confidence).containsExactly(Confidence.HIGH);
    }

    @Test
    void myNumberShouldBeLowWhenNoLabelIsAnywhere() {
        assertThat(matches("注文番号 123456789018 の件")).extracting(PersonalDataMatch::kind, PersonalDataMatch::confidence)
            .containsExactly(tuple(PersonalDataKind.MY_NUMBER, Confidence.LOW));
    }

    @Test
    void myNumberShouldBeMediumWhenTheLabelIsInATableHeaderOfTheSegment() {
        StringBuilder csv = new StringBuilder("氏名,個人番号,住所\n");
        for (int i = 0; i < 5; i++) {
            csv.append("山田 太郎,サンプル行が長くて三十文字を超えるように埋めています").append(i).append(",x\n");
        }
        csv.append("佐藤,123456789018,x\n");
        assertThat(matches(csv.toString())).filteredOn(m -> m.kind() == PersonalDataKind.MY_NUMBER)
            .extracting(PersonalDataMatch::confidence).containsExactly(Confidence.MEDIUM);
    }

    @Test
    void myNumberShouldBeMediumWhenTheFileIsNamedAfterIt() {
        assertThat(matches("attachment-name:customer_123456789018.txt", "customer_123456789018.txt"))
            .extracting(PersonalDataMatch::kind, PersonalDataMatch::confidence, PersonalDataMatch::masked)
            .containsExactly(tuple(PersonalDataKind.MY_NUMBER, Confidence.MEDIUM, "**** **** 9018"));
        assertThat(matches("attachment-name:docs.zip!/顧客 1234-5678-9018.pdf", "顧客 1234-5678-9018.pdf"))
            .extracting(PersonalDataMatch::confidence).containsExactly(Confidence.MEDIUM);
        assertThat(matches("attachment-name:マイナンバー_123456789018.pdf", "マイナンバー_123456789018.pdf"))
            .extracting(PersonalDataMatch::confidence).containsExactly(Confidence.HIGH);
        // the same number in a body stays LOW without a label
        assertThat(matches("body:text/plain", "customer_123456789018.txt")).extracting(PersonalDataMatch::confidence)
            .containsExactly(Confidence.LOW);
    }

    @Test
    void myNumberShouldStayLowInAFileNameWhenTheNumberReadsAsADateAndTimeOrIsGluedToLetters() {
        // 2026-12-07 09:00 and 26-12-07 12:34:56 with a valid check digit: what scanners name their files
        String stamp = validMyNumberStartingWith("20261207090");
        String shortStamp = validMyNumberStartingWith("26120712345");
        assertThat(MyNumberDetector.isDateTime(stamp)).isTrue();
        assertThat(matches("attachment-name:scan_" + stamp + ".pdf", "scan_" + stamp + ".pdf"))
            .extracting(PersonalDataMatch::confidence).containsExactly(Confidence.LOW);
        assertThat(matches("attachment-name:" + shortStamp + ".jpg", shortStamp + ".jpg"))
            .extracting(PersonalDataMatch::confidence).containsExactly(Confidence.LOW);
        assertThat(matches("attachment-name:ID123456789018.txt", "ID123456789018.txt")).isEmpty();
        assertThat(MyNumberDetector.isDateTime("123456789018")).isFalse();
    }

    private static String validMyNumberStartingWith(String eleven) {
        for (int d = 0; d < 10; d++) {
            if (CheckDigits.myNumber(eleven + d)) {
                return eleven + d;
            }
        }
        throw new AssertionError("no check digit for " + eleven);
    }

    @Test
    void myNumberShouldNotMatchWhenTheCheckDigitIsWrongOrTheNumberIsPartOfALongerRun() {
        assertThat(matches("マイナンバー 123456789019")).isEmpty();
        assertThat(matches("マイナンバー 9123456789018")).noneMatch(m -> m.kind() == PersonalDataKind.MY_NUMBER);
        assertThat(matches("マイナンバー ID123456789018")).isEmpty();
        assertThat(matches("マイナンバー 1.123456789018")).isEmpty();
    }

    @Test
    void corporateNumberShouldBeHighWhenLabelledAndFoundInAnInvoiceRegistrationNumber() {
        assertThat(matches("法人番号 7000012050002")).extracting(PersonalDataMatch::kind, PersonalDataMatch::confidence)
            .containsExactly(tuple(PersonalDataKind.CORPORATE_NUMBER, Confidence.HIGH));
        assertThat(matches("登録番号：T7000012050002")).extracting(PersonalDataMatch::kind).containsExactly(PersonalDataKind.CORPORATE_NUMBER);
        assertThat(matches("法人番号 8000012050002")).isEmpty();
    }

    @Test
    void cardShouldBeMaskedAndRiseWithContext() {
        assertThat(matches("カード番号 4111-1111-1111-1111 有効期限 12/29"))
            .extracting(PersonalDataMatch::kind, PersonalDataMatch::confidence, PersonalDataMatch::masked)
            .containsExactly(tuple(PersonalDataKind.CARD, Confidence.HIGH, "4111 **** **** 1111"));
        assertThat(matches("ref 4111 1111 1111 1111")).extracting(PersonalDataMatch::confidence).containsExactly(Confidence.MEDIUM);
        assertThat(matches("ref 4111111111111111")).extracting(PersonalDataMatch::confidence).containsExactly(Confidence.LOW);
    }

    @Test
    void cardShouldMatchEveryIssuerRangeWhenLuhnIsValid() {
        for (String number : List.of("4111111111111111", "5500000000000004", "2221000000000009", "378282246310005",
            "3530111333300000", "30569309025904", "6011111111111117", "38520000023237")) {
            assertThat(matches("card " + number)).as(number).extracting(PersonalDataMatch::kind).containsExactly(PersonalDataKind.CARD);
        }
    }

    @Test
    void cardShouldNotMatchWhenLuhnFailsOrTheIssuerIsUnknownOrTheRunIsLonger() {
        assertThat(matches("card 4111111111111112")).isEmpty();
        assertThat(matches("card 9111111111111119")).isEmpty();
        assertThat(matches("card 44111111111111111")).noneMatch(m -> m.kind() == PersonalDataKind.CARD);
    }

    @Test
    void phoneShouldMatchJapaneseFormsAndMaskTheMiddle() {
        assertThat(matches("TEL 03-1234-5678")).extracting(PersonalDataMatch::confidence, PersonalDataMatch::masked)
            .containsExactly(tuple(Confidence.HIGH, "031-****-5678"));
        assertThat(matches("090-1234-5678")).extracting(PersonalDataMatch::value).containsExactly("09012345678");
        assertThat(matches("0120-123-456")).extracting(PersonalDataMatch::value).containsExactly("0120123456");
        assertThat(matches("050-1234-5678")).extracting(PersonalDataMatch::kind).containsExactly(PersonalDataKind.PHONE);
        assertThat(matches("+81-90-1234-5678")).extracting(PersonalDataMatch::value).containsExactly("09012345678");
        assertThat(matches("+81 3 1234 5678")).extracting(PersonalDataMatch::value).containsExactly("0312345678");
    }

    @Test
    void phoneShouldNeedALabelWhenUngroupedAndBeMarkedInTheSignature() {
        assertThat(matches("伝票番号 0312345678")).isEmpty();
        assertThat(matches("電話 0312345678")).extracting(PersonalDataMatch::confidence).containsExactly(Confidence.MEDIUM);
        assertThat(matches("body:text/plain", "本文です。\n--\n山田 太郎\nTEL 03-1234-5678\n"))
            .extracting(PersonalDataMatch::inSignature).containsExactly(true);
        assertThat(matches("body:text/plain", "お客様の番号は 03-1234-5678 です。\n"))
            .extracting(PersonalDataMatch::inSignature).containsExactly(false);
    }

    @Test
    void addressShouldNeedAPrefectureAfterThePostalCode() {
        assertThat(matches("〒100-0001 東京都千代田区千代田1-1"))
            .extracting(PersonalDataMatch::kind, PersonalDataMatch::confidence, PersonalDataMatch::masked)
            .containsExactly(tuple(PersonalDataKind.ADDRESS, Confidence.HIGH, "〒100-**** 東京都"));
        assertThat(matches("530-0001 大阪府大阪市北区")).extracting(PersonalDataMatch::confidence).containsExactly(Confidence.MEDIUM);
        assertThat(matches("〒100-0001")).isEmpty();
        assertThat(matches("品番 100-0001 東京")).isEmpty();
    }

    @Test
    void emailListShouldMatchOnlyFromTheMinimumNumberOfDistinctAddresses() {
        StringBuilder few = new StringBuilder();
        for (int i = 0; i < 19; i++) {
            few.append("user").append(i).append("@example.com\n").append("user").append(i).append("@example.com\n");
        }
        assertThat(matches(few.toString())).isEmpty();
        String many = few + "taro@example.com\n";
        List<PersonalDataMatch> list = matches(many);
        assertThat(list).hasSize(20).allMatch(m -> m.kind() == PersonalDataKind.EMAIL_LIST);
        assertThat(list).extracting(PersonalDataMatch::masked).contains("t***@example.com");
    }

    @Test
    void bankAccountShouldNeedABankWordBeforeIt() {
        assertThat(matches("みずほ銀行 渋谷支店 普通 1234567")).extracting(PersonalDataMatch::confidence, PersonalDataMatch::masked)
            .containsExactly(tuple(Confidence.MEDIUM, "***4567"));
        assertThat(matches("口座番号：1234567")).extracting(PersonalDataMatch::confidence).containsExactly(Confidence.HIGH);
        assertThat(matches("受注番号 1234567")).isEmpty();
    }

    @Test
    void fullWidthDigitsShouldMatchLikeAsciiDigits() {
        assertThat(matches("マイナンバー：１２３４５６７８９０１８")).extracting(PersonalDataMatch::kind).containsExactly(PersonalDataKind.MY_NUMBER);
    }
}
