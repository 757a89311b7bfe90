package io.sendguard.inspection.keyword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.inspection.extract.TextSegment;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordDictionaryTest {
    static final String DICT = String.join("\n",
        "# test dictionary",
        "[category=confidential severity=high]",
        "社外秘",
        "極秘",
        "ＣＯＮＦＩＤＥＮＴＩＡＬ",
        "re:strictly\\s+private",
        "allow:社外秘ではありません",
        "",
        "[category=internal severity=low rule=keyword.internal-only]",
        "関係者外秘",
        "lit:#secret");

    static KeywordDictionary dictionary() throws Exception {
        return KeywordDictionary.parse("test.dict", new StringReader(DICT));
    }

    @Test
    void parseShouldReadSectionsRulesAndSeverities() throws Exception {
        KeywordDictionary d = dictionary();
        assertThat(d.sectionCount()).isEqualTo(2);
        assertThat(d.rules()).extracting(KeywordRule::pattern)
            .containsExactly("社外秘", "極秘", "confidential", "strictly\\s+private", "関係者外秘", "#secret");
        assertThat(d.rules().get(0).ruleId()).isEqualTo("keyword.confidential");
        assertThat(d.rules().get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(d.rules().get(4).ruleId()).isEqualTo("keyword.internal-only");
        assertThat(d.rules().get(4).line()).isEqualTo(10);
    }

    @Test
    void parseShouldNameFileAndLineOfBadRegex() {
        String text = "[category=c]\nok\nre:(unclosed\n";
        assertThatThrownBy(() -> KeywordDictionary.parse("bad.dict", new StringReader(text)))
            .isInstanceOf(KeywordDictionaryException.class)
            .hasMessageStartingWith("bad.dict:3:")
            .satisfies(e -> assertThat(((KeywordDictionaryException) e).lineNumber()).isEqualTo(3));
    }

    @Test
    void parseShouldRejectEntriesBeforeSectionAndBadHeaders() {
        assertThatThrownBy(() -> KeywordDictionary.parse("a.dict", new StringReader("# c\n社外秘\n")))
            .hasMessageStartingWith("a.dict:2:");
        assertThatThrownBy(() -> KeywordDictionary.parse("b.dict", new StringReader("[category=c severity=urgent]\n")))
            .hasMessageStartingWith("b.dict:1:").hasMessageContaining("urgent");
        assertThatThrownBy(() -> KeywordDictionary.parse("c.dict", new StringReader("\n\n[colour=red]\n")))
            .hasMessageStartingWith("c.dict:3:");
        assertThatThrownBy(() -> KeywordDictionary.parse("d.dict", new StringReader("[category=c]\nre:x*\n")))
            .hasMessageStartingWith("d.dict:2:").hasMessageContaining("empty");
    }

    @Test
    void scanShouldFindKeywordsInWidthAndSpacingVariantsWithMaskedExcerpt() throws Exception {
        KeywordScanner scanner = new KeywordScanner(dictionary());
        List<Finding> findings = scanner.scan(List.of(
            TextSegment.of("body:text/plain", "電話03-1234-5678の資料は社　外　秘です。よろしく"),
            TextSegment.of("subject", "ＣＯＮＦＩＤＥＮＴＩＡＬ report"),
            TextSegment.of("body:text/html", "This is STRICTLY   private. #secret")));
        assertThat(findings).extracting(Finding::location, Finding::ruleId).containsExactly(
            org.assertj.core.groups.Tuple.tuple("body:text/plain", "keyword.confidential"),
            org.assertj.core.groups.Tuple.tuple("subject", "keyword.confidential"),
            org.assertj.core.groups.Tuple.tuple("body:text/html", "keyword.confidential"),
            org.assertj.core.groups.Tuple.tuple("body:text/html", "keyword.internal-only"));
        assertThat(findings.get(0).excerpt()).isEqualTo("…****の資料は社 外 秘です。よろしく");
        assertThat(findings.get(0).excerpt()).doesNotContain("5678");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(findings.get(0).category()).isEqualTo("confidential");
    }

    @Test
    void aKeywordOfSeveralWordsShouldBeFoundLetterSpacedAndWithItsWordsWrittenTogether() throws Exception {
        KeywordDictionary d = KeywordDictionary.parse("spaced.dict", new StringReader(String.join("\n",
            "[category=confidential severity=high]",
            "strictly confidential",
            "internal only",
            "do not forward",
            "no cc",
            "allow:internal only use explained")));
        KeywordScanner scanner = new KeywordScanner(d);

        for (String text : List.of("I N T E R N A L   O N L Y", "I N T E R N A L O N L Y", "internal only",
            "Internal  Only", "INTERNALONLY")) {
            assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "Note: " + text + " - thanks"))))
                .as(text).extracting(Finding::ruleId).containsExactly("keyword.confidential");
        }
        List<Finding> strictly = scanner.scan(List.of(
            TextSegment.of("body:text/plain", "S T R I C T L Y   C O N F I D E N T I A L"),
            TextSegment.of("subject", "D O   N O T   F O R W A R D")));
        assertThat(strictly).extracting(Finding::location).containsExactly("body:text/plain", "subject");
        // too short to be told from ordinary words when written together
        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "N O C C")))).isEmpty();
        assertThat(KeywordDictionary.spaceless("no cc")).isEmpty();
        assertThat(KeywordDictionary.spaceless("社外秘")).isEmpty();
        // the allow phrase counts in its written-together form too
        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "I N T E R N A L   O N L Y   U S E   E X P L A I N E D"))))
            .isEmpty();
        // and ordinary text is not changed by it
        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "The internal review is only for staff."))))
            .isEmpty();
    }

    @Test
    void scanShouldIgnoreMatchesInsideAllowListPhrases() throws Exception {
        KeywordScanner scanner = new KeywordScanner(dictionary());
        assertThat(scanner.scan(List.of(TextSegment.of("body:text/plain", "この文書は社外秘ではありません。"))))
            .isEmpty();
        List<Finding> both = scanner.scan(List.of(
            TextSegment.of("body:text/plain", "社外秘ではありません。ただし別紙は社外秘です。")));
        assertThat(both).hasSize(1);
        assertThat(both.get(0).excerpt()).contains("別紙は社外秘です");
    }

    @Test
    void scanShouldCountRepeatedMatchesInOneFinding() throws Exception {
        List<Finding> findings = new KeywordScanner(dictionary()).scan(List.of(
            TextSegment.of("body:text/plain", "極秘 極秘 極秘")));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).excerpt()).endsWith("×3");
    }

    @Test
    void cleanTextShouldGiveNoFindings() throws Exception {
        assertThat(new KeywordScanner(dictionary()).scan(List.of(
            TextSegment.of("body:text/plain", "お世話になっております。会議の議事録を送ります。")))).isEmpty();
    }
}
