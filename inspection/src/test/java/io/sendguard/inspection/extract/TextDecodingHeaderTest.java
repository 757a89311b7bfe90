package io.sendguard.inspection.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * {@link TextDecoding#decodeHeader} on header values as javax.mail hands them over: raw bytes read as
 * ISO-8859-1 characters.
 */
class TextDecodingHeaderTest {
    private static String asRead(String text, Charset charset) {
        return new String(text.getBytes(charset), StandardCharsets.ISO_8859_1);
    }

    @Test
    void rawUtf8() {
        assertThat(TextDecoding.decodeHeader(asRead("社外秘 見積書の件", StandardCharsets.UTF_8)))
            .isEqualTo("社外秘 見積書の件");
    }

    @Test
    void rawShiftJis() {
        assertThat(TextDecoding.decodeHeader(asRead("社外秘 見積書の件について", Charset.forName("windows-31j"))))
            .isEqualTo("社外秘 見積書の件について");
    }

    @Test
    void rawEucJp() {
        assertThat(TextDecoding.decodeHeader(asRead("社外秘 見積書の件について", Charset.forName("EUC-JP"))))
            .isEqualTo("社外秘 見積書の件について");
    }

    @Test
    void rawIso2022JpIsSevenBitButStillDecoded() {
        String raw = asRead("社外秘 見積書", Charset.forName("ISO-2022-JP"));
        assertThat(raw).contains("\u001b$B");
        assertThat(TextDecoding.decodeHeader(raw)).isEqualTo("社外秘 見積書");
    }

    @Test
    void encodedWordsAndPlainAsciiAreUnchangedByTheRawPath() {
        assertThat(TextDecoding.decodeHeader("=?UTF-8?B?56S+5aSW56eY?= report")).isEqualTo("社外秘 report");
        assertThat(TextDecoding.decodeHeader("plain subject")).isEqualTo("plain subject");
    }

    @Test
    void foldedValuesAreUnfoldedWithOrWithoutCarriageReturns() {
        assertThat(TextDecoding.decodeHeader("first part\r\n second part")).isEqualTo("first part second part");
        assertThat(TextDecoding.decodeHeader("first\n\tsecond")).isEqualTo("first second");
        assertThat(TextDecoding.decodeHeader("=?UTF-8?B?56S+5aSW56eY?=\r\n =?UTF-8?B?56S+5aSW56eY?=")).isEqualTo("社外秘社外秘");
    }
}
