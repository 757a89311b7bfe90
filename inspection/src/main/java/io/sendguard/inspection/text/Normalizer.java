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
    /** Bit per BMP char: {@link #isCombiningUncached} (building it costs 64 K {@code Character.getType} calls, once). */
    private static final long[] COMBINING_BMP = new long[1024];
    /** Bit per BMP char: {@link #isSpaceUncached}. */
    private static final long[] SPACE_BMP = new long[1024];
    /** NFKC of single BMP chars, filled as they are met (racy but safe: Strings are immutable). */
    private static final String[] NFKC_OF_CHAR = new String[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            if (isCombiningUncached(c)) {
                COMBINING_BMP[c >>> 6] |= 1L << c;
            }
            if (isSpaceUncached((char) c)) {
                SPACE_BMP[c >>> 6] |= 1L << c;
            }
        }
    }

    private Normalizer() {
    }

    /** Normalizes {@code text} (null is treated as empty). */
    public static NormalizedText normalize(String text) {
        return normalize(text, true);
    }

    /**
     * @param cached {@code true}: look up combining marks and whitespace in tables, NFKC of single chars in a
     *               cache, and lower-case ASCII and the caseless {@link #isStable} chars without
     *               {@link Character#toLowerCase(int)}; {@code false}: compute all every time (the reference
     *               the tests compare with)
     */
    static NormalizedText normalize(String text, boolean cached) {
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
                    int j = skipCombining(s, next, n, cached);
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
                len = put(buf, map, len, cached && isStable(cp) ? lowerStable(cp) : Character.toLowerCase(cp), i);
                i = next;
                continue;
            }
            int j = skipCombining(s, next, n, cached);
            String chunk;
            if (cached && j == next && next == i + 1) {
                // a lone BMP char: its NFKC depends on nothing else
                chunk = NFKC_OF_CHAR[cp];
                if (chunk == null) {
                    chunk = java.text.Normalizer.normalize(String.valueOf((char) cp), Form.NFKC);
                    NFKC_OF_CHAR[cp] = chunk;
                }
            } else {
                chunk = java.text.Normalizer.normalize(s.substring(i, j), Form.NFKC);
            }
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
        return squeezeWhitespace(s, buf, map, len, cached);
    }

    /** {@link Character#toLowerCase(int)} of a {@link #isStable} char: only ASCII letters have a lower case. */
    private static int lowerStable(int cp) {
        return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
    }

    /** The index after the combining marks that start at {@code j}. */
    private static int skipCombining(String s, int j, int n, boolean cached) {
        while (j < n) {
            int cp = s.codePointAt(j);
            if (!(cached && cp < 0x10000 ? (COMBINING_BMP[cp >>> 6] & 1L << cp) != 0 : isCombiningUncached(cp))) {
                break;
            }
            j += Character.charCount(cp);
        }
        return j;
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

    private static NormalizedText squeezeWhitespace(String original, char[] buf, int[] map, int len, boolean cached) {
        char[] out = new char[len];
        int[] outMap = new int[len];
        int o = 0;
        int tokenLength = 0; // length of the current / previous non-whitespace run in buf
        int i = 0;
        while (i < len) {
            char c = buf[i];
            if (!isSpace(c, cached)) {
                out[o] = c;
                outMap[o++] = map[i];
                tokenLength++;
                i++;
                continue;
            }
            int wsStart = i;
            while (i < len && isSpace(buf[i], cached)) {
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
                } else if (tokenLength == 1 && (i + 1 >= len || isSpace(buf[i + 1], cached) || !Character.isLetterOrDigit(buf[i + 1]))) {
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

    private static boolean isSpace(char c, boolean cached) {
        return cached ? (SPACE_BMP[c >>> 6] & 1L << c) != 0 : isSpaceUncached(c);
    }

    private static boolean isSpaceUncached(char c) {
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

    private static boolean isCombiningUncached(int cp) {
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
