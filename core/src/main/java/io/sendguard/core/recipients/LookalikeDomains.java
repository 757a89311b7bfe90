package io.sendguard.core.recipients;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a recipient domain looks like a known domain (an internal one, a protected partner,
 * one the sender has written to) without being it: one or two edits away (Damerau-Levenshtein on the
 * punycode-decoded forms: {@code exmaple.co.jp} for {@code example.co.jp}), or the same confusables
 * skeleton ({@code ехаmple.com} in Cyrillic, {@code examp1e.com}, {@code exarnple.com}). A domain equal
 * to a known one, or a subdomain of it, is never a look-alike; a subdomain of a look-alike is one
 * ({@code mail.exmaple.com}). Short domains tolerate fewer edits: two edits only from
 * {@value #MIN_LENGTH_FOR_TWO_EDITS} characters, one edit from {@value #MIN_LENGTH_FOR_ONE_EDIT}.
 */
public final class LookalikeDomains {
    public static final int MIN_LENGTH_FOR_ONE_EDIT = 5;
    public static final int MIN_LENGTH_FOR_TWO_EDITS = 9;
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-.";

    /** A look-alike: the recipient domain, the known domain it resembles, and why. */
    public static final class Match {
        private final String domain;
        private final String resembles;
        private final int edits;

        Match(String domain, String resembles, int edits) {
            this.domain = domain;
            this.resembles = resembles;
            this.edits = edits;
        }

        /** The recipient domain (normalized ASCII form). */
        public String domain() {
            return domain;
        }

        /** The known domain it resembles (normalized ASCII form). */
        public String resembles() {
            return resembles;
        }

        /** Edits between them, or 0 when they differ only by look-alike characters. */
        public int edits() {
            return edits;
        }

        /** For people: {@code exmaple.com looks like example.com (1 edit)}, in Unicode form. */
        public String describe() {
            return DomainNames.toUnicode(domain) + " looks like " + DomainNames.toUnicode(resembles)
                + (edits == 0 ? " (look-alike characters)" : " (" + edits + (edits == 1 ? " edit)" : " edits)"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Match && ((Match) o).domain.equals(domain) && ((Match) o).resembles.equals(resembles)
                && ((Match) o).edits == edits;
        }

        @Override
        public int hashCode() {
            return Objects.hash(domain, resembles, edits);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private final int maxEdits;

    /** @param maxEdits edits that still count as a look-alike: 0 (only look-alike characters), 1 or 2 */
    public LookalikeDomains(int maxEdits) {
        if (maxEdits < 0 || maxEdits > 2) {
            throw new IllegalArgumentException("maxEdits must be 0, 1 or 2, got " + maxEdits);
        }
        this.maxEdits = maxEdits;
    }

    /**
     * The known domain that {@code domain} imitates, if any.
     *
     * @param domain a normalized (ASCII, lower-case) recipient domain
     * @param known  normalized known domains
     */
    public Optional<Match> find(String domain, Collection<String> known) {
        for (String reference : known) {
            if (DomainNames.isSameOrSubdomain(domain, reference)) {
                return Optional.empty();
            }
        }
        Match best = null;
        for (String reference : known) {
            Match match = compare(domain, reference);
            if (match == null) {
                String tail = lastLabels(domain, labelCount(reference));
                if (!tail.equals(domain) && !known.contains(tail)) {
                    Match tailMatch = compare(tail, reference);
                    match = tailMatch == null ? null : new Match(domain, reference, tailMatch.edits);
                }
            }
            if (match != null && (best == null || match.edits < best.edits)) {
                best = match;
            }
        }
        return Optional.ofNullable(best);
    }

    private Match compare(String domain, String reference) {
        if (domain.equals(reference)) {
            return null;
        }
        if (Confusables.confusable(domain, reference)) {
            return new Match(domain, reference, 0);
        }
        String a = DomainNames.toUnicode(domain);
        String b = DomainNames.toUnicode(reference);
        int allowed = allowedEdits(Math.min(a.codePointCount(0, a.length()), b.codePointCount(0, b.length())));
        if (allowed == 0) {
            return null;
        }
        int edits = EditDistance.between(a, b, allowed);
        return edits <= allowed ? new Match(domain, reference, edits) : null;
    }

    private int allowedEdits(int length) {
        int byLength = length >= MIN_LENGTH_FOR_TWO_EDITS ? 2 : length >= MIN_LENGTH_FOR_ONE_EDIT ? 1 : 0;
        return Math.min(maxEdits, byLength);
    }

    private static int labelCount(String domain) {
        return domain.split("\\.", -1).length;
    }

    private static String lastLabels(String domain, int count) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length <= count) {
            return domain;
        }
        StringBuilder tail = new StringBuilder();
        for (int i = labels.length - count; i < labels.length; i++) {
            tail.append(tail.length() == 0 ? "" : ".").append(labels[i]);
        }
        return tail.toString();
    }

    /**
     * Every ASCII domain one edit away from {@code domain} (deletion, transposition, substitution,
     * insertion over {@code a-z 0-9 - .}): the candidates to look up in a store that keeps domains
     * only as keyed hashes, where nearby domains cannot be listed. Empty for domains shorter than
     * {@value #MIN_LENGTH_FOR_ONE_EDIT} characters or when {@code maxEdits} is 0.
     */
    public Set<String> neighbours(String domain) {
        Set<String> result = new LinkedHashSet<>();
        if (maxEdits == 0 || domain.length() < MIN_LENGTH_FOR_ONE_EDIT) {
            return result;
        }
        StringBuilder b = new StringBuilder(domain.length() + 1);
        for (int i = 0; i < domain.length(); i++) {
            b.setLength(0);
            result.add(b.append(domain, 0, i).append(domain, i + 1, domain.length()).toString());
            if (i + 1 < domain.length()) {
                char[] chars = domain.toCharArray();
                char c = chars[i];
                chars[i] = chars[i + 1];
                chars[i + 1] = c;
                result.add(new String(chars));
            }
            for (int k = 0; k < ALPHABET.length(); k++) {
                char c = ALPHABET.charAt(k);
                if (c != domain.charAt(i)) {
                    char[] chars = domain.toCharArray();
                    chars[i] = c;
                    result.add(new String(chars));
                }
            }
        }
        for (int i = 0; i <= domain.length(); i++) {
            for (int k = 0; k < ALPHABET.length(); k++) {
                b.setLength(0);
                result.add(b.append(domain, 0, i).append(ALPHABET.charAt(k)).append(domain, i, domain.length()).toString());
            }
        }
        result.remove(domain);
        result.removeIf(candidate -> DomainNames.normalizeDomain(candidate).map(n -> !n.equals(candidate)).orElse(true));
        return result;
    }
}
