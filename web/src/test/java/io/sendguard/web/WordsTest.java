package io.sendguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sendguard.hold.service.HoldSettings;

class WordsTest {
    @Test
    void japaneseAndEnglishShouldHaveTheSameWordsAndTheAdminMayReplaceEachOfThem() {
        Map<String, String> ja = Words.load("ja");
        Map<String, String> en = Words.load("en");
        assertThat(ja.keySet()).isEqualTo(en.keySet());
        assertThat(HoldSettings.PAGE_TEXT_NAMES).containsAll(ja.keySet());
    }

    @Test
    void theAdminsReplacementShouldWinAndValuesShouldBeFilledIn() {
        Words words = Words.of("ja", Map.of("signInHeading", "社内メール ログイン"));
        assertThat(words.get("signInHeading")).isEqualTo("社内メール ログイン");
        assertThat(words.get("notOnMail", "x@example.com")).isEqualTo("x@example.com はこのメールの宛先ではありません。");
        assertThat(Words.of("en", Map.of()).get("pageOf", 1, 50, 10000)).isEqualTo("1–50 of 10,000");
    }
}
