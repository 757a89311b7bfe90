package io.sendguard.inspection.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton against a naive matcher ({@link String#indexOf}) on many random dictionaries and texts, in every
 * layout the builder can choose: all states with full rows, almost none (so the double-array and fallback steps
 * do the work), and with or without inherited differences.
 */
class AhoCorasickDifferentialTest {
    /** {row budget in ints, inherit limit} */
    private static final int[][] LAYOUTS = {
        {AhoCorasick.DEFAULT_ROW_CELLS, AhoCorasick.DEFAULT_INHERIT_LIMIT},
        {1, 0},                 // root row only, no inherited differences: fallback chains
        {1, 64},                // root row only, inherit a lot
        {1 << 22, 8},           // full DFA
        {40, 2},                // a few rows, small inheritance
    };

    private static final String[] ALPHABETS = {
        "ab",
        "abc",
        "ab社外秘x",
        "あいうかきく社外秘極abc",
        "a\uD842\uDFB7\uD83D\uDE00b",                     // 𠮷 and 😀: surrogate pairs
        "\uD842\uDFB7\uD842\uDFB8\uD843\uDC00z",          // surrogates sharing the high half
        "aAｱｲ゙ﾞ\u3099\u0301e",                            // half-width kana, (han)dakuten, combining marks
    };

    @Test
    void scanShouldAgreeWithNaiveSearchOnRandomDictionariesAndTexts() {
        Random random = new Random(20261127);
        for (int round = 0; round < 3_000; round++) {
            String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
            List<String> patterns = randomDictionary(random, alphabet, 1 + random.nextInt(round % 10 == 0 ? 300 : 25));
            String text = randomText(random, alphabet, patterns, random.nextInt(400));
            check(patterns, text, LAYOUTS[round % LAYOUTS.length]);
        }
    }

    @Test
    void scanShouldAgreeWithNaiveSearchOnLargeDictionaries() {
        Random random = new Random(4);
        for (int round = 0; round < 6; round++) {
            String alphabet = round % 2 == 0
                ? "あいうえおかきくけこ社外秘極資料abcdefghij"
                : "ab\uD842\uDFB7c";
            List<String> patterns = randomDictionary(random, alphabet, 3_000);
            String text = randomText(random, alphabet, patterns, 5_000);
            check(patterns, text, LAYOUTS);
        }
    }

    @Test
    void scanShouldHandleStatesWithThousandsOfChildren() {
        // a shared prefix with thousands of continuations, as in 株式会社 + customer names
        List<String> patterns = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < 5_000; c++) {
            char ch = (char) (0x4E00 + c);
            patterns.add("株式会社" + ch);
            patterns.add(ch + "株式");
            if (c % 7 == 0) {
                text.append("株式会社").append(ch).append("株式会");
            }
        }
        check(patterns, text.toString(), LAYOUTS);
    }

    @Test
    void scanShouldHandleEdgeCases() {
        String[][] cases = {
            {"", "a", "aa", "aaa", "aaaa"},                // every suffix of every other, empty ignored
            {"abcd", "bcd", "cd", "d", "d"},               // chain of suffixes and a duplicate
            {"abab", "bab", "ab", "b"},
            {"社外秘", "外秘", "秘", "社外"},
            {"\uD842\uDFB7", "\uDFB7", "\uD842"},          // whole surrogate pair and its halves
        };
        for (String[] patterns : cases) {
            for (String text : new String[] {"", "aaaaaaa", "xabcdabababcdx", "社外秘社外秘",
                "a\uD842\uDFB7\uD842\uDFB7b"}) {
                check(List.of(patterns), text, LAYOUTS);
            }
        }
    }

    private static void check(List<String> patterns, String text, int[]... layouts) {
        List<Long> expected = new ArrayList<>();
        for (int p = 0; p < patterns.size(); p++) {
            String pat = patterns.get(p);
            if (pat.isEmpty()) {
                continue;
            }
            for (int from = text.indexOf(pat); from >= 0; from = text.indexOf(pat, from + 1)) {
                expected.add((long) (from + pat.length()) << 32 | p);
            }
        }
        expected.sort(null);
        for (int[] layout : layouts) {
            AhoCorasick ac = AhoCorasick.build(patterns, layout[0], layout[1]);
            List<Long> actual = new ArrayList<>();
            int[] lastEnd = {0};
            boolean[] ordered = {true};
            ac.scan(text, (p, end) -> {
                ordered[0] &= end >= lastEnd[0] && ac.patternLength(p) == patterns.get(p).length();
                lastEnd[0] = end;
                actual.add((long) end << 32 | p);
                return true;
            });
            assertThat(ordered[0]).as("matches in end order, with their pattern's length").isTrue();
            actual.sort(null);
            if (!actual.equals(expected)) {
                assertThat(actual).as("layout %d/%d patterns %s text %s", layout[0], layout[1], patterns, text)
                    .isEqualTo(expected);
            }
        }
    }

    /** Random words, plus duplicates, suffixes, prefixes and 1-char / empty keywords. */
    private static List<String> randomDictionary(Random random, String alphabet, int count) {
        List<String> patterns = new ArrayList<>();
        while (patterns.size() < count) {
            int kind = random.nextInt(10);
            if (kind < 6 || patterns.isEmpty()) {
                patterns.add(randomString(random, alphabet, 1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 5)));
            } else {
                String other = patterns.get(random.nextInt(patterns.size()));
                int cut = random.nextInt(other.length() + 1);
                switch (kind) {
                    case 6:
                        patterns.add(other.substring(cut));    // a suffix (maybe empty, maybe half a pair)
                        break;
                    case 7:
                        patterns.add(other.substring(0, cut)); // a prefix
                        break;
                    case 8:
                        patterns.add(other);                   // a duplicate
                        break;
                    default:
                        patterns.add(other + other.substring(cut)); // overlapping with itself
                        break;
                }
            }
        }
        return patterns;
    }

    /** Random characters of the alphabet and outside it, mixed with whole keywords. */
    private static String randomText(Random random, String alphabet, List<String> patterns, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                sb.append(randomString(random, alphabet, 1 + random.nextInt(4)));
            } else if (kind < 8) {
                sb.append(patterns.get(random.nextInt(patterns.size())));
            } else if (kind < 9) {
                sb.append(random.nextBoolean() ? " " : "\uD83D\uDE80"); // a space or an emoji in no keyword
            } else {
                sb.append((char) random.nextInt(0x10000));             // anything, lone surrogates included
            }
        }
        return sb.toString();
    }

    private static String randomString(Random random, String alphabet, int codePoints) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            sb.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return sb.toString();
    }
}
