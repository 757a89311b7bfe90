package io.sendguard.inspection.ppap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordLinesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "お世話になっております。\n先ほどのファイルのパスワードです。\nパスワード：Abc12345\nよろしくお願いいたします。",
        "解凍パスワードは 8h2Kd9Xq です。",
        "ＰＷ：ｘ７＃Ｋｑ９！ｚ",
        "PW: x7#Kq9!z",
        "zip: hoge2026",
        "パス：tanaka0401",
        "Password for the file: Tr0ub4dor&3",
        "passcode = 482913",
        "【パスワード】\nAbc12345\n",
        "パスワードをお送りします。\n\n  K9#mq2Lx  \n",
        "The password is \"Spring-2026\".",
        "暗証番号：0401",
        "Pass: aBcDeFgH"})
    void findShouldReportTheLineWhenItHandsOverAPassword(String text) {
        assertThat(PasswordLines.find(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "パスワードは別途お送りします。\nよろしくお願いいたします。",
        "zipファイルを添付します。ご確認ください。",
        "パスポート番号 AB1234567 をご記入ください。",
        "I will pass it to you 2morrow.",
        "The password is stored in the vault.",
        "Password: Please see the e-mail from IT.",
        "明日の会議は 10:00 から 3F 会議室です。",
        "パスワードの再設定は https://example.com/reset2 から",
        "gzip: 1234 files",
        ""})
    void findShouldReportNothingWhenNoPasswordIsHandedOver(String text) {
        assertThat(PasswordLines.find(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void findShouldMaskTheValueInTheReportedLine() {
        PasswordLines.Match match = PasswordLines.find("本文\nパスワード：Abc12345\n").orElseThrow();

        assertThat(match.maskedLine()).isEqualTo("パスワード:****");
        assertThat(match.label()).isEqualTo("パスワード");
    }

    @org.junit.jupiter.api.Test
    void findShouldPreferTheLineThatCarriesTheValueOverALabelOnTheLineBefore() {
        PasswordLines.Match match = PasswordLines.find("先ほどのファイルのパスワードです。\nパスワード：Abc12345\n").orElseThrow();

        assertThat(match.maskedLine()).isEqualTo("パスワード:****");
    }

    @org.junit.jupiter.api.Test
    void findShouldMaskTheValueWhenItStandsOnTheNextLine() {
        PasswordLines.Match match = PasswordLines.find("【パスワード】\nK9#mq2Lx\n").orElseThrow();

        assertThat(match.maskedLine()).isEqualTo("【パスワード】 ****").doesNotContain("K9#mq2Lx");
    }
}
