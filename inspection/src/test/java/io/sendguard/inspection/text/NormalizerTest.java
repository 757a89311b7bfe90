package io.sendguard.inspection.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizerTest {
    @Test
    void normalizeShouldFoldFullWidthLettersAndCase() {
        assertThat(Normalizer.normalize("ＣＯＮＦＩＤＥＮＴＩＡＬ資料１２３").normalized()).isEqualTo("confidential資料123");
    }

    @Test
    void normalizeShouldTurnHalfWidthKatakanaIntoFullWidthWithVoicedMarks() {
        assertThat(Normalizer.normalize("ｼｬｶﾞｲﾋ ﾊﾟｽﾜｰﾄﾞ").normalized()).isEqualTo("シャガイヒパスワード");
    }

    @Test
    void normalizeShouldRemoveSpacesBetweenJapaneseLettersAndLetterSpacedWords() {
        assertThat(Normalizer.normalize("社　外　秘").normalized()).isEqualTo("社外秘");
        assertThat(Normalizer.normalize("社 外 秘").normalized()).isEqualTo("社外秘");
        assertThat(Normalizer.normalize("C o n f i d e n t i a l").normalized()).isEqualTo("confidential");
        assertThat(Normalizer.normalize("top   secret\r\nplan").normalized()).isEqualTo("top secret plan");
        assertThat(Normalizer.normalize("this is a test").normalized()).isEqualTo("this is a test");
    }

    @Test
    void normalizeShouldMapMatchesBackToTheOriginalText() {
        String original = "この資料は 社　外　秘 です";
        NormalizedText t = Normalizer.normalize(original);
        int start = t.normalized().indexOf("社外秘");
        int end = start + 3;
        assertThat(original.substring(t.originalStart(start), t.originalEnd(end))).isEqualTo("社　外　秘");

        String wide = "xxＣＯＮＦＩＤＥＮＴＩＡＬyy";
        NormalizedText w = Normalizer.normalize(wide);
        int s = w.normalized().indexOf("confidential");
        assertThat(wide.substring(w.originalStart(s), w.originalEnd(s + 12))).isEqualTo("ＣＯＮＦＩＤＥＮＴＩＡＬ");
    }

    @Test
    void normalizeShouldKeepAlreadyNormalizedTextAsLowerCase() {
        NormalizedText t = Normalizer.normalize("Plain ASCII Text");
        assertThat(t.normalized()).isEqualTo("plain ascii text");
        assertThat(t.originalStart(6)).isEqualTo(6);
    }
}
