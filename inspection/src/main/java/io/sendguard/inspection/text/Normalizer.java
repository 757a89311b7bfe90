package io.sendguard.inspection.text;

import java.text.Normalizer.Form;

/**
 * Normalizes text for keyword matching, keeping a map back to the original text.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>Unicode NFKC: full-width Latin letters and digits become ASCII ({@code ＣＯＮＦＩＤＥＮＴＩＡＬ} →
 *       {@code CONFIDENTIAL}), half-width katakana become full-width ({@code ｼｬｶﾞｲﾋ} → {@code シャガイヒ}),
 *       ideographic spaces become spaces. Skipped entirely when {@link java.text.Normalizer#isNormalized}
 *       says the text is already NFKC.</li>
 *   <li>Case folding: {@link Character#toLowerCase(int)} (locale independent, like {@code Locale.ROOT}).</li>
 *   <li>Whitespace: a run of whitespace between two letters or digits is <em>removed</em> when one of them
 *       is Japanese (kanji, kana; Japanese is written without spaces, so {@code 社 外 秘} → {@code 社外秘}) or
 *       when both neighbouring words are a single character (letter-spaced text: {@code C o n f i d e n t i a l}
 *       → {@code confidential}). Every other whitespace run (including line breaks) becomes one space, so
 *       {@code top   secret} → {@code top secret}.</li>
 * </ol>
 * Keywords must be normalized with the same method. Stateless and thread-safe.
 */
public final class Normalizer {
    private Normalizer() {
    }

    /** Normalizes {@code text} (null is treated as empty). */
    public static NormalizedText normalize(String text) {
        String s = text == null ? "" : text;
        int n = s.length();
        char[] buf = new char[n + 16];
        int[] map = new int[n + 16];
        int len = 0;
        boolean nfkc = !java.text.Normalizer.isNormalized(s, Form.NFKC);
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!nfkc || isStable(cp)) {
                if (nfkc) {
                    // a stable char followed by combining marks must be composed with them
                    int j = next;
                    while (j < n && isCombining(s.codePointAt(j))) {
                        j += Character.charCount(s.codePointAt(j));
                    }
                    if (j > next) {
                        String chunk = java.text.Normalizer.normalize(s.substring(i, j), Form.NFKC);
                        for (int k = 0; k < chunk.length(); ) {
                            int c = chunk.codePointAt(k);
                            k += Character.charCount(c);
                            if (len + 2 > buf.length) {
                                buf = grow(buf);
                                map = grow(map);
                            }
                            len = put(buf, map, len, Character.toLowerCase(c), i);
                        }
                        i = j;
                        continue;
                    }
                }
                if (len + 2 > buf.length) {
                    buf = grow(buf);
                    map = grow(map);
                }
                len = put(buf, map, len, Character.toLowerCase(cp), i);
                i = next;
                continue;
            }
            int j = next;
            while (j < n && isCombining(s.codePointAt(j))) {
                j += Character.charCount(s.codePointAt(j));
            }
            String chunk = java.text.Normalizer.normalize(s.substring(i, j), Form.NFKC);
            for (int k = 0; k < chunk.length(); ) {
                int c = chunk.codePointAt(k);
                k += Character.charCount(c);
                if (len + 2 > buf.length) {
                    buf = grow(buf);
                    map = grow(map);
                }
                len = put(buf, map, len, Character.toLowerCase(c), i);
            }
            i = j;
        }
        return squeezeWhitespace(s, buf, map, len);
    }

    private static int put(char[] buf, int[] map, int len, int cp, int origin) {
        if (Character.isBmpCodePoint(cp)) {
            buf[len] = (char) cp;
            map[len++] = origin;
        } else {
            buf[len] = Character.highSurrogate(cp);
            map[len++] = origin;
            buf[len] = Character.lowSurrogate(cp);
            map[len++] = origin;
        }
        return len;
    }

    private static NormalizedText squeezeWhitespace(String original, char[] buf, int[] map, int len) {
        char[] out = new char[len];
        int[] outMap = new int[len];
        int o = 0;
        int tokenLength = 0; // length of the current / previous non-whitespace run in buf
        int i = 0;
        while (i < len) {
            char c = buf[i];
            if (!isSpace(c)) {
                out[o] = c;
                outMap[o++] = map[i];
                tokenLength++;
                i++;
                continue;
            }
            int wsStart = i;
            while (i < len && isSpace(buf[i])) {
                i++;
            }
            if (o == 0 || i == len) {
                // leading / trailing whitespace: keep one space so offsets stay meaningful
                if (o > 0) {
                    out[o] = ' ';
                    outMap[o++] = map[wsStart];
                }
                tokenLength = 0;
                continue;
            }
            char prev = out[o - 1];
            char next = buf[i];
            boolean drop = false;
            if (Character.isLetterOrDigit(prev) && Character.isLetterOrDigit(next)) {
                if (isJapanese(prev) || isJapanese(next)) {
                    drop = true;
                } else if (tokenLength == 1 && (i + 1 >= len || isSpace(buf[i + 1]) || !Character.isLetterOrDigit(buf[i + 1]))) {
                    drop = true;
                }
            }
            if (!drop) {
                out[o] = ' ';
                outMap[o++] = map[wsStart];
            }
            tokenLength = 0;
        }
        int[] finalMap = o == outMap.length ? outMap : java.util.Arrays.copyOf(outMap, o);
        return new NormalizedText(original, new String(out, 0, o), finalMap);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == '\u3000'
            || c == '\u00A0' || (c > 0x7f && Character.isWhitespace(c));
    }

    /** Kanji, hiragana, katakana (incl. the prolonged sound mark). */
    static boolean isJapanese(char c) {
        return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
            || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F);
    }

    /** Characters NFKC leaves alone on their own (and that never compose with a following char). */
    private static boolean isStable(int cp) {
        return cp < 0x80
            || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA)
            || (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x30FC || cp == 0x3001 || cp == 0x3002;
    }

    private static boolean isCombining(int cp) {
        if (cp < 0x300) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
            || type == Character.ENCLOSING_MARK || cp == 0xFF9E || cp == 0xFF9F;
    }

    private static char[] grow(char[] a) {
        return java.util.Arrays.copyOf(a, a.length * 2 + 16);
    }

    private static int[] grow(int[] a) {
        return java.util.Arrays.copyOf(a, a.length * 2 + 16);
    }
}
