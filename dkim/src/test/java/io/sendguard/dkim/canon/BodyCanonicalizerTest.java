package io.sendguard.dkim.canon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyCanonicalizerTest {

    private static String canon(Canonicalization c, String body) {
        return new String(BodyCanonicalizer.canonicalize(c, body.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void simpleShouldTurnEmptyBodyIntoCrlf() {
        assertThat(canon(Canonicalization.SIMPLE, "")).isEqualTo("\r\n");
    }

    @Test
    void relaxedShouldTurnEmptyBodyIntoNothing() {
        assertThat(canon(Canonicalization.RELAXED, "")).isEmpty();
    }

    @Test
    void simpleShouldTurnBodyOfOnlyEmptyLinesIntoCrlf() {
        assertThat(canon(Canonicalization.SIMPLE, "\r\n\r\n\r\n")).isEqualTo("\r\n");
    }

    @Test
    void relaxedShouldTurnBodyOfOnlyWhitespaceLinesIntoNothing() {
        assertThat(canon(Canonicalization.RELAXED, " \r\n\t\r\n\r\n")).isEmpty();
    }

    @Test
    void simpleShouldRemoveTrailingEmptyLinesButKeepTrailingWhitespace() {
        assertThat(canon(Canonicalization.SIMPLE, "a  \r\n\r\nb\t\r\n\r\n\r\n")).isEqualTo("a  \r\n\r\nb\t\r\n");
    }

    @Test
    void relaxedShouldRemoveTrailingWhitespaceAndCompressInnerWhitespace() {
        assertThat(canon(Canonicalization.RELAXED, "  a \t b  \r\n\r\nc\t\r\n \r\n")).isEqualTo(" a b\r\n\r\nc\r\n");
    }

    @Test
    void shouldAddCrlfWhenLastLineIsUnterminated() {
        assertThat(canon(Canonicalization.SIMPLE, "abc")).isEqualTo("abc\r\n");
        assertThat(canon(Canonicalization.RELAXED, "abc  ")).isEqualTo("abc\r\n");
    }

    @Test
    void shouldKeepEmptyLinesInsideBody() {
        assertThat(canon(Canonicalization.RELAXED, "a\r\n\r\n\r\nb\r\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    @Test
    void shouldTreatBareLfAsLineEnd() {
        assertThat(canon(Canonicalization.SIMPLE, "a\nb\n\n")).isEqualTo("a\r\nb\r\n");
    }

    @Test
    void shouldMatchRfc6376Section345Example() {
        String body = " C \r\nD \t E\r\n\r\n\r\n";
        assertThat(canon(Canonicalization.SIMPLE, body)).isEqualTo(" C \r\nD \t E\r\n");
        assertThat(canon(Canonicalization.RELAXED, body)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void canonicalizeShouldReturnCanonicalLengthAndHonourOffset() throws Exception {
        byte[] buffer = "HEADERa b \r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long length = BodyCanonicalizer.canonicalize(Canonicalization.RELAXED, buffer, 6, buffer.length - 6, out);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a b\r\n");
        assertThat(length).isEqualTo(5);
    }
}
