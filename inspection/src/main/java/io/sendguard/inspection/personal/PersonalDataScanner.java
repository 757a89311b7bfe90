package io.sendguard.inspection.personal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.inspection.extract.TextSegment;

/**
 * Runs the personal-data detectors over the text segments of one mail (those {@code MailTextExtractor}
 * produced, no second parse) and turns what they found into findings through a {@link PersonalDataPolicy}:
 * at most one finding per detector and mail, category {@code personal-data}, rule
 * {@code personal-data.<detector>}, located where most of the data were found, with masked examples as the
 * excerpt ({@code 12 distinct (high): 4111 **** **** 1111, ...}). Thread-safe (immutable).
 */
public final class PersonalDataScanner {
    public static final String CATEGORY = "personal-data";
    private static final int EXAMPLES = 3;

    private final PersonalDataPolicy policy;
    private final List<PersonalDataDetector> detectors;

    public PersonalDataScanner(PersonalDataPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        List<PersonalDataDetector> all = List.of(new MyNumberDetector(), new CorporateNumberDetector(), new CardNumberDetector(),
            new PhoneNumberDetector(), new PostalAddressDetector(), new EmailListDetector(policy.minEmailAddresses()),
            new BankAccountDetector());
        List<PersonalDataDetector> enabled = new ArrayList<>();
        for (PersonalDataDetector d : all) {
            if (policy.rule(d.kind()).enabled()) {
                enabled.add(d);
            }
        }
        this.detectors = Collections.unmodifiableList(enabled);
    }

    public PersonalDataPolicy policy() {
        return policy;
    }

    /** Every match of the enabled detectors, in segment order, whatever their confidence. */
    public List<PersonalDataMatch> matches(List<TextSegment> segments) {
        List<PersonalDataMatch> out = new ArrayList<>();
        for (TextSegment segment : segments) {
            if (segment.text().isEmpty()) {
                continue;
            }
            SegmentText text = new SegmentText(segment.location(), segment.text(), policy.contextWindow());
            for (PersonalDataDetector detector : detectors) {
                detector.detect(text, out);
            }
        }
        return out;
    }

    /** Findings for the segments of one mail. */
    public List<Finding> scan(List<TextSegment> segments) {
        return findings(matches(segments));
    }

    /** Findings for the matches of one mail, in detector order. */
    public List<Finding> findings(List<PersonalDataMatch> matches) {
        Map<PersonalDataKind, Map<String, PersonalDataMatch>> byKind = new EnumMap<>(PersonalDataKind.class);
        for (PersonalDataMatch m : matches) {
            PersonalDataPolicy.Rule rule = policy.rule(m.kind());
            if (!m.confidence().atLeast(rule.minConfidence()) || (m.inSignature() && policy.ignoreSignature())) {
                continue;
            }
            Map<String, PersonalDataMatch> distinct = byKind.computeIfAbsent(m.kind(), k -> new LinkedHashMap<>());
            PersonalDataMatch seen = distinct.get(m.value());
            if (seen == null || m.confidence().compareTo(seen.confidence()) > 0) {
                distinct.put(m.value(), m);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<PersonalDataKind, Map<String, PersonalDataMatch>> e : byKind.entrySet()) {
            DistinctMatches distinct = new DistinctMatches(e.getValue().values());
            Optional<Severity> severity = policy.rule(e.getKey()).severity(distinct.size());
            severity.ifPresent(s -> findings.add(Finding.of(e.getKey().ruleId(), CATEGORY, s, distinct.location(), distinct.excerpt())));
        }
        return Collections.unmodifiableList(findings);
    }

    /** The distinct matches of one kind. */
    private static final class DistinctMatches {
        private final List<PersonalDataMatch> matches;

        DistinctMatches(Collection<PersonalDataMatch> matches) {
            this.matches = new ArrayList<>(matches);
        }

        int size() {
            return matches.size();
        }

        String location() {
            Map<String, Integer> perLocation = new LinkedHashMap<>();
            for (PersonalDataMatch m : matches) {
                perLocation.merge(m.location(), 1, Integer::sum);
            }
            String best = null;
            int bestCount = 0;
            for (Map.Entry<String, Integer> e : perLocation.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            return perLocation.size() == 1 ? best : best + " (+" + (perLocation.size() - 1) + " more)";
        }

        String excerpt() {
            Confidence top = Confidence.LOW;
            for (PersonalDataMatch m : matches) {
                if (m.confidence().compareTo(top) > 0) {
                    top = m.confidence();
                }
            }
            Set<String> examples = new LinkedHashSet<>();
            for (PersonalDataMatch m : matches) {
                if (examples.size() == EXAMPLES) {
                    break;
                }
                examples.add(m.masked());
            }
            return matches.size() + " distinct (confidence up to " + top.id() + "): " + String.join(", ", examples)
                + (matches.size() > EXAMPLES ? ", …" : "");
        }
    }
}
