package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingWords;
import io.sendguard.core.finding.Severity;
import io.sendguard.inspection.extract.ExtractionProblem;
import io.sendguard.inspection.personal.PersonalDataKind;
import io.sendguard.mailets.recipients.CheckRecipients;
import io.sendguard.mailets.recipients.ConvertToBcc;
import io.sendguard.mailets.recipients.SuppressRecipients;

/**
 * Every rule id Sendguard's code can put on a finding has its own words: the ids are read from the code (every
 * {@code String RULE... = "..."} constant in the main sources of all modules, and the enums that make ids), so a new
 * rule without words fails here.
 */
class FindingWordsCoverageTest {
    private static final Pattern RULE_CONSTANT = Pattern.compile("String\\s+RULE\\w*\\s*=\\s*\"([^\"]+)\"");

    /** The rule ids in the code. */
    static Set<String> ruleIdsInTheCode() throws IOException {
        Set<String> ids = new TreeSet<>();
        Path root = Paths.get("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).collect(Collectors.toList())) {
                try (Stream<Path> sources = Files.walk(module)) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                        Matcher m = RULE_CONSTANT.matcher(new String(Files.readAllBytes(source), StandardCharsets.UTF_8));
                        while (m.find()) {
                            ids.add(m.group(1));
                        }
                    }
                }
            }
        }
        for (ExtractionProblem.Kind kind : ExtractionProblem.Kind.values()) {
            ids.add(kind.ruleId());
        }
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            ids.add(kind.ruleId());
        }
        return ids;
    }

    @Test
    void everyRuleIdInTheCodeShouldHaveItsOwnWords() throws IOException {
        Set<String> ids = ruleIdsInTheCode();

        // the scan finds the constants it should (a scan that finds nothing would prove nothing)
        assertThat(ids).contains(CheckRecipients.RULE_FIRST_TIME_DOMAIN, ConvertToBcc.RULE_SPLIT, SuppressRecipients.RULE_SUPPRESSED,
            InspectAttachments.RULE_DISK_IMAGE, DetectPasswordMail.RULE_PASSWORD_MAIL, FailedChecks.RULE, "inspection.timeout",
            "personal-data.bank-account");
        for (String id : ids) {
            assertThat(FindingWords.isBuiltInRule(id)).as(id + " has words in FindingWords").isTrue();
            Finding finding = Finding.of(id, "uninspectable", Severity.HIGH, "attachment:a.pdf", "");
            Finding unknown = Finding.of("no.such-rule", "uninspectable", Severity.HIGH, "attachment:a.pdf", "");
            for (String language : new String[] {"ja", "en"}) {
                FindingWords words = FindingWords.forLanguage(language);
                assertThat(words.describe(finding)).as(id + " (" + language + ")").isNotEqualTo(words.describe(unknown));
            }
        }
        assertThat(ids).as("no words for a rule that is gone").containsAll(FindingWords.RULE_IDS);
    }
}
