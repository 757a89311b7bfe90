package io.sendguard.inspection.personal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckDigitsTest {
    @Test
    void myNumberShouldAcceptThePublishedExampleWhenTheCheckDigitIsRight() {
        // the example used in the official check-digit explanation: 12345678901 -> 8
        assertThat(CheckDigits.myNumber("123456789018")).isTrue();
        assertThat(CheckDigits.myNumber("123456789019")).isFalse();
        assertThat(CheckDigits.myNumber("12345678901")).isFalse();
    }

    @Test
    void myNumberShouldUseZeroWhenTheRemainderIsZeroOrOne() {
        // 00000000000 -> sum 0 -> remainder 0 -> check 0; 10000000000: P11=1, Q11=6 -> 6 -> 11-6=5
        assertThat(CheckDigits.myNumber("000000000000")).isTrue();
        assertThat(CheckDigits.myNumber("100000000005")).isTrue();
        // 00000000005: P1=5, Q1=2 -> 10 -> 10; 00000100000: P6=1,Q6=7 ->7; find remainder 1: P1=6 -> 12 mod 11 = 1 -> 0
        assertThat(CheckDigits.myNumber("000000000060")).isTrue();
        assertThat(CheckDigits.myNumber("000000000061")).isFalse();
    }

    @Test
    void corporateNumberShouldAcceptTheNationalTaxAgencyNumberWhenTheLeadingCheckDigitIsRight() {
        assertThat(CheckDigits.corporateNumber("7000012050002")).isTrue(); // 国税庁
        assertThat(CheckDigits.corporateNumber("8000012050002")).isFalse();
        assertThat(CheckDigits.corporateNumber("700001205000")).isFalse();
    }

    @Test
    void luhnShouldAcceptTestCardNumbersWhenTheCheckDigitIsRight() {
        assertThat(CheckDigits.luhn("4111111111111111")).isTrue();
        assertThat(CheckDigits.luhn("378282246310005")).isTrue();
        assertThat(CheckDigits.luhn("3530111333300000")).isTrue();
        assertThat(CheckDigits.luhn("4111111111111112")).isFalse();
    }
}
