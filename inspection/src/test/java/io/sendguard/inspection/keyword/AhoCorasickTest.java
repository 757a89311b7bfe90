package io.sendguard.inspection.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {
    @Test
    void scanShouldReportAllOverlappingMatches() {
        AhoCorasick ac = AhoCorasick.build(List.of("he", "she", "his", "hers", "社外秘", "外秘"));
        List<String> found = new ArrayList<>();
        String text = "ushers 社外秘";
        ac.scan(text, (p, end) -> found.add(text.substring(end - ac.patternLength(p), end)));
        assertThat(found).containsExactlyInAnyOrder("she", "he", "hers", "社外秘", "外秘");
    }

    @Test
    void scanShouldAgreeWithNaiveSearchOnRandomInputs() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            String alphabet = round % 2 == 0 ? "abc" : "ab社外秘x";
            List<String> patterns = new ArrayList<>();
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                patterns.add(randomString(random, alphabet, 1 + random.nextInt(5)));
            }
            String text = randomString(random, alphabet + "z", random.nextInt(200));
            AhoCorasick ac = AhoCorasick.build(patterns);
            TreeSet<String> actual = new TreeSet<>();
            ac.scan(text, (p, end) -> actual.add(p + "@" + end));
            TreeSet<String> expected = new TreeSet<>();
            for (int p = 0; p < patterns.size(); p++) {
                String pat = patterns.get(p);
                for (int from = text.indexOf(pat); from >= 0; from = text.indexOf(pat, from + 1)) {
                    expected.add(p + "@" + (from + pat.length()));
                }
            }
            assertThat(actual).as("patterns %s text %s", patterns, text).isEqualTo(expected);
        }
    }

    @Test
    void buildShouldFindEveryKeywordOfTenThousand() {
        // how long the build takes is measured by the JMH benchmark (inspection/BENCHMARK.md), not here
        Random random = new Random(7);
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            patterns.add(randomString(random, "あいうえおかきくけこ社外秘極abcdefghij", 3 + random.nextInt(8)));
        }
        AhoCorasick ac = AhoCorasick.build(patterns);
        for (int i = 0; i < patterns.size(); i += 97) {
            int index = i;
            List<Integer> hits = new ArrayList<>();
            ac.scan("zz" + patterns.get(index) + "zz", (p, end) -> hits.add(p));
            assertThat(hits).as(patterns.get(index)).contains(index);
        }
    }

    @Test
    void scanShouldStopWhenListenerReturnsFalse() {
        AhoCorasick ac = AhoCorasick.build(List.of("a"));
        int[] count = {0};
        ac.scan("aaaa", (p, end) -> ++count[0] < 2);
        assertThat(count[0]).isEqualTo(2);
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
