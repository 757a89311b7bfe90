package io.sendguard.inspection.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cached path of {@link Normalizer} (combining-mark table, NFKC of single chars remembered) against the
 * uncached one, which computes both every time as the normalizer always did: same normalized text, same map back
 * to the original, on random text.
 */
class NormalizerCacheTest {
    private static final String[] POOLS = {
        "社外秘極資料見積書契約顧客情報部門会議報告確認送付添付𠮷",                 // kanji, one outside the BMP
        "あいうえおかがきぎくぐぱぴぷゃゅょっアイウエオカガキギクグパピプャュョッー・",   // kana, prolonged sound, middle dot
        "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎｬｭｮｯｰﾞﾟ｡｢｣､･",                           // half-width katakana, (han)dakuten
        "ＡＢＣＸＹＺａｂｃｘｙｚ０１２９！？（）［］＠＃",                                  // full-width ASCII
        "ABCxyz0123 .,;:!?()-_/@#",
        "\u3099\u309A\u0301\u0308\u20DD\u0323",                                  // combining marks
        "éÉßİıÅåñÑçøæ\u00A0",                                                    // Latin-1 and friends
        "ﬁﬂ①②⑳㈱㍿㌔Ⅻⅻ℡™½²",                                                     // compatibility characters
        "\uD835\uDC00\uD835\uDC01\uD83D\uDE00\uD83C\uDDEF\uD83C\uDDF5",          // math letters, emoji, flags
        "\uD800\uDC00\uDBFF\uD800\uDC00",                                        // lone and paired surrogates
        "각가각",                                                               // conjoining jamo, syllables
        " \t\n\r\u3000\u2003\u200B「」『』【】、。〜",                                  // spaces, Japanese punctuation
    };

    @Test
    void cachedPathShouldEqualUncachedPathOnRandomText() {
        Random random = new Random(27);
        for (int round = 0; round < 5_000; round++) {
            String text = randomText(random, random.nextInt(round % 100 == 0 ? 2_000 : 40));
            NormalizedText expected = Normalizer.normalize(text, false);
            NormalizedText actual = Normalizer.normalize(text, true);
            if (!actual.normalized().equals(expected.normalized())) {
                assertThat(actual.normalized()).as("text %s", escape(text)).isEqualTo(expected.normalized());
            }
            for (int k = 0; k <= actual.length(); k++) {
                if (actual.originalStart(k) != expected.originalStart(k)
                    || actual.originalEnd(k) != expected.originalEnd(k)) {
                    assertThat(new int[] {actual.originalStart(k), actual.originalEnd(k)})
                        .as("offset %d of text %s", k, escape(text))
                        .isEqualTo(new int[] {expected.originalStart(k), expected.originalEnd(k)});
                }
            }
        }
    }

    @Test
    void cachedPathShouldEqualUncachedPathOnEveryBmpCharInContext() {
        for (int c = 0; c < 0x10000; c++) {
            String ch = String.valueOf((char) c);
            for (String text : new String[] {"a" + ch + "b", "ｶ" + ch + "ﾞ", "社 " + ch + "\u3099 外"}) {
                assertThat(Normalizer.normalize(text, true).normalized())
                    .as("U+%04X in %s", c, escape(text))
                    .isEqualTo(Normalizer.normalize(text, false).normalized());
            }
        }
    }

    private static String randomText(Random random, int codePoints) {
        StringBuilder sb = new StringBuilder();
        // mostly one or two pools, as real text is, sometimes anything
        String main = POOLS[random.nextInt(POOLS.length)];
        String second = POOLS[random.nextInt(POOLS.length)];
        for (int i = 0; i < codePoints; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                sb.append((char) random.nextInt(0x10000));
            } else {
                String pool = kind < 12 ? main : kind < 18 ? second : POOLS[random.nextInt(POOLS.length)];
                int[] cps = pool.codePoints().toArray();
                sb.appendCodePoint(cps[random.nextInt(cps.length)]);
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }
}
