package io.sendguard.inspection.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** Charset detection of unlabeled body and attachment bytes ({@link TextDecoding#detect}, {@link TextDecoding#decode}). */
class TextDecodingDetectTest {
    @Test
    void shortJapaneseTextIsDecodedInShiftJisOrEucJpEvenWhenTheStatisticalGuessIsNotJapanese() {
        for (String text : new String[] {"id,note\n1,極秘案件\n", "極秘", "社外秘の件"}) {
            for (String charset : new String[] {"windows-31j", "EUC-JP"}) {
                byte[] bytes = text.getBytes(Charset.forName(charset));
                assertThat(TextDecoding.decode(bytes, null)).as(charset + " " + text).isEqualTo(text);
            }
        }
    }

    @Test
    void otherCharsetsAreStillDetected() {
        String russian = "Добрый день! Высылаю вам отчёт за прошлый месяц, посмотрите, пожалуйста.";
        assertThat(TextDecoding.decode(russian.getBytes(Charset.forName("windows-1251")), null)).isEqualTo(russian);
        String german = "Sehr geehrte Damen und Herren, anbei die Größenübersicht für März.";
        assertThat(TextDecoding.decode(german.getBytes(Charset.forName("ISO-8859-1")), null)).isEqualTo(german);
    }
}
