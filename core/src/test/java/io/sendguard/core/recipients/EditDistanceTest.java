package io.sendguard.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void betweenShouldBeZeroWhenTheStringsAreEqual() {
        assertThat(EditDistance.between("example.com", "example.com")).isZero();
    }

    @Test
    void betweenShouldCountATranspositionAsOneEdit() {
        assertThat(EditDistance.between("exmaple.com", "example.com")).isEqualTo(1);
    }

    @Test
    void betweenShouldCountInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("example.com", "examples.com")).isEqualTo(1);
        assertThat(EditDistance.between("example.com", "exaple.com")).isEqualTo(1);
        assertThat(EditDistance.between("example.com", "exanple.com")).isEqualTo(1);
        assertThat(EditDistance.between("example.co.jp", "exmaple.co.jq")).isEqualTo(2);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    }

    @Test
    void betweenShouldCompareCodePointsWhenTheStringsHaveSurrogates() {
        assertThat(EditDistance.between("a\uD83D\uDE00b", "ab")).isEqualTo(1);
    }

    @Test
    void betweenShouldStopAtTheLimitPlusOneWhenTheDistanceExceedsIt() {
        assertThat(EditDistance.between("partner.example", "example.com", 2)).isEqualTo(3);
        assertThat(EditDistance.between("a", "abcdefgh", 2)).isEqualTo(3);
        assertThat(EditDistance.between("exmaple.com", "example.com", 2)).isEqualTo(1);
    }
}
