package io.sendguard.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;

import org.junit.jupiter.api.Test;

class ConfusablesTest {
    @Test
    void skeletonShouldMapCyrillicLettersToTheLatinOnesTheyLookLike() {
        assertThat(Confusables.skeleton("ехаmрlе.com")).isEqualTo("example.com");
    }

    @Test
    void skeletonShouldDecodePunycodeFirst() {
        String ascii = IDN.toASCII("ехаmрlе.com");
        assertThat(ascii).startsWith("xn--");
        assertThat(Confusables.skeleton(ascii)).isEqualTo("example.com");
    }

    @Test
    void skeletonShouldMapGreekLetters() {
        assertThat(Confusables.skeleton("exαmple.cοm")).isEqualTo("example.com");
    }

    @Test
    void skeletonShouldFoldFullWidthLetters() {
        assertThat(Confusables.skeleton("ｅｘａｍｐｌｅ.com")).isEqualTo("example.com");
    }

    @Test
    void skeletonShouldReadDigitsAndLetterPairsAsWhatTheyLookLike() {
        assertThat(Confusables.skeleton("examp1e.com")).isEqualTo("example.com");
        assertThat(Confusables.skeleton("g00gle.com")).isEqualTo("google.com");
        assertThat(Confusables.skeleton("exarnple.com")).isEqualTo("example.com");
        assertThat(Confusables.skeleton("vvidget.com")).isEqualTo("widget.com");
    }

    @Test
    void skeletonShouldDropAccents() {
        assertThat(Confusables.skeleton("exämple.com")).isEqualTo("example.com");
    }

    @Test
    void confusableShouldBeFalseWhenTheDomainsAreTheSame() {
        assertThat(Confusables.confusable("example.com", "example.com")).isFalse();
        assertThat(Confusables.confusable(IDN.toASCII("例え.jp"), "例え.jp")).isFalse();
    }

    @Test
    void confusableShouldBeTrueWhenOnlyLookAlikeCharactersDiffer() {
        assertThat(Confusables.confusable(IDN.toASCII("ехаmрlе.com"), "example.com")).isTrue();
        assertThat(Confusables.confusable("rnicrosoft.com", "microsoft.com")).isTrue();
    }

    @Test
    void confusableShouldBeFalseWhenTheDomainsReallyDiffer() {
        assertThat(Confusables.confusable("partner.example", "example.com")).isFalse();
    }
}
