package io.sendguard.inspection.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import io.sendguard.core.finding.Finding;
import io.sendguard.inspection.extract.TextSegment;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KeywordScannerTimeLimitTest {
    // (.*a){12}b backtracks for a very long time on a run of a's without a b (Java optimizes the textbook (a+)+b)
    static final String DICT = String.join("\n",
        "[category=confidential severity=high rule=keyword.confidential]",
        "社外秘",
        "[category=custom severity=medium rule=keyword.costly]",
        "re:(.*a){12}b",
        "[category=custom severity=medium rule=keyword.later]",
        "re:zzz");

    static KeywordDictionary dictionary() throws Exception {
        return KeywordDictionary.parse("costly.dict", new StringReader(DICT));
    }

    @Test
    @Timeout(20)
    void scanShouldStopACatastrophicRegexAtTheDeadlineAndSaySoWhileLiteralsStillMatch() throws Exception {
        String text = "社外秘 " + "a".repeat(30) + "!";
        KeywordScanner scanner = new KeywordScanner(dictionary());
        long started = System.nanoTime();

        List<Finding> findings = scanner.scan(List.of(TextSegment.of("body:text/plain", text), TextSegment.of("subject", "zzz")),
            System.nanoTime() + Duration.ofMillis(300).toNanos());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(findings).extracting(Finding::ruleId).contains("keyword.confidential", "inspection.timeout");
        Finding timeout = findings.stream().filter(f -> f.ruleId().equals("inspection.timeout")).findFirst().orElseThrow();
        assertThat(timeout.category()).isEqualTo("uninspectable");
        assertThat(timeout.location()).isEqualTo("body:text/plain");
        assertThat(timeout.excerpt()).contains("keyword.costly");
        // after the limit no regular expression runs any more: the later rule is not claimed as checked
        assertThat(findings).extracting(Finding::ruleId).doesNotContain("keyword.later");
    }

    @Test
    void scanShouldFindRegexMatchesAsBeforeWhenTheyAreQuick() throws Exception {
        KeywordScanner scanner = new KeywordScanner(dictionary());

        List<Finding> findings = scanner.scan(List.of(TextSegment.of("subject", "aaaaaaaaaaaab zzz")),
            System.nanoTime() + Duration.ofSeconds(30).toNanos());

        assertThat(findings).extracting(Finding::ruleId).containsExactly("keyword.costly", "keyword.later");
    }
}
