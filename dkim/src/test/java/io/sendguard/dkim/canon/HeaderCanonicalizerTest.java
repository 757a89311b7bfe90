package io.sendguard.dkim.canon;

import io.sendguard.dkim.message.HeaderField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCanonicalizerTest {

    @Test
    void simpleShouldKeepHeaderExactlyIncludingFoldingAndCase() {
        HeaderField field = HeaderField.of("SubJect :  Hello \r\n\tWorld  ");

        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.SIMPLE, field))
                .isEqualTo("SubJect :  Hello \r\n\tWorld  ");
    }

    @Test
    void relaxedShouldLowerCaseNameAndRemoveWhitespaceAroundColon() {
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED, HeaderField.of("SubJect \t:  Hello")))
                .isEqualTo("subject:Hello");
    }

    @Test
    void relaxedShouldUnfoldAndCompressWhitespace() {
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED,
                HeaderField.of("To: a@example.com,\r\n\t  b@example.com\r\n c@example.com")))
                .isEqualTo("to:a@example.com, b@example.com c@example.com");
    }

    @Test
    void relaxedShouldRemoveTrailingWhitespace() {
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED, HeaderField.of("X-A: value \t ")))
                .isEqualTo("x-a:value");
    }

    @Test
    void relaxedShouldKeepEmptyValue() {
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED, HeaderField.of("Cc:   ")))
                .isEqualTo("cc:");
    }

    @Test
    void relaxedShouldMatchRfc6376Example() {
        // RFC 6376 3.4.5
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED, HeaderField.of("A: X")))
                .isEqualTo("a:X");
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED, HeaderField.of("B : Y\t\r\n\tZ  ")))
                .isEqualTo("b:Y Z");
    }

    @Test
    void relaxedShouldPreserveEightBitBytes() {
        assertThat(HeaderCanonicalizer.canonicalize(Canonicalization.RELAXED, HeaderField.of("Subject: caf\u00e9")))
                .isEqualTo("subject:caf\u00e9");
    }
}
