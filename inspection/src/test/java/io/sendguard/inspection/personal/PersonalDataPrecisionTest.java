package io.sendguard.inspection.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;

/**
 * Recall and false-positive rate of the default policy on generated, labelled mail
 * ({@link PersonalDataCorpus}): a mail counts as escalated when a finding is MEDIUM or more (approval in the
 * shipped pipeline). The measured numbers are printed and recorded in inspection/PERSONAL_DATA.md.
 */
class PersonalDataPrecisionTest {
    private static final int ORDINARY = 2100;
    private static final int PERSONAL = 600;
    private final PersonalDataScanner scanner = new PersonalDataScanner(PersonalDataPolicy.defaults());

    private boolean escalated(PersonalDataCorpus.LabelledMail mail) {
        return scanner.scan(mail.segments).stream().map(Finding::severity).anyMatch(s -> s.atLeast(Severity.MEDIUM));
    }

    @Test
    void defaultPolicyShouldEscalateAlmostAllPersonalDataAndAlmostNoOrdinaryMailWhenMeasuredOnTheCorpus() {
        PersonalDataCorpus corpus = new PersonalDataCorpus(20240601L);
        List<PersonalDataCorpus.LabelledMail> ordinary = corpus.ordinary(ORDINARY);
        List<PersonalDataCorpus.LabelledMail> personal = corpus.personal(PERSONAL);

        List<String> falsePositives = new ArrayList<>();
        for (PersonalDataCorpus.LabelledMail mail : ordinary) {
            if (escalated(mail)) {
                falsePositives.add(mail.name + " " + scanner.scan(mail.segments));
            }
        }
        List<String> missed = new ArrayList<>();
        for (PersonalDataCorpus.LabelledMail mail : personal) {
            if (!escalated(mail)) {
                missed.add(mail.name + " " + scanner.scan(mail.segments));
            }
        }
        double fpRate = (double) falsePositives.size() / ordinary.size();
        double recall = 1 - (double) missed.size() / personal.size();
        System.out.printf("personal-data corpus: %d ordinary, %d with personal data; false-positive rate %.2f %% (%d), recall %.2f %% (%d missed)%n",
            ordinary.size(), personal.size(), fpRate * 100, falsePositives.size(), recall * 100, missed.size());
        falsePositives.stream().limit(5).forEach(s -> System.out.println("  FP " + s));
        missed.stream().limit(5).forEach(s -> System.out.println("  missed " + s));

        assertThat(fpRate).as("false positives: %s", falsePositives).isLessThan(0.02);
        assertThat(recall).as("missed: %s", missed).isGreaterThan(0.95);
    }

    @Test
    void corpusShouldContainOrdinaryMailWithNumbersThatLookLikePersonalData() {
        PersonalDataCorpus corpus = new PersonalDataCorpus(7L);
        long withLowMatches = corpus.ordinary(140).stream()
            .filter(m -> !scanner.matches(m.segments).isEmpty()).count();

        // the ordinary mail is not trivially clean: the detectors do see candidates there (signature phones,
        // postal codes, payee accounts, valid-looking order numbers); only the policy keeps them from escalating
        assertThat(withLowMatches).isGreaterThan(100);
    }
}
