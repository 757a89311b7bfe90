package io.sendguard.inspection.keyword;

import io.sendguard.core.finding.Finding;
import io.sendguard.inspection.extract.ExtractionProblem;
import io.sendguard.inspection.extract.TextSegment;
import io.sendguard.inspection.text.NormalizedText;
import io.sendguard.inspection.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans text segments against a {@link KeywordDictionary} and reports {@link Finding}s.
 *
 * <p>Each segment is normalized once ({@link Normalizer}); literal keywords and allow phrases are found in
 * one Aho-Corasick pass, then each regular expression runs over the normalized text. A match lying inside
 * an occurrence of an allow-list phrase of the same section is dropped.
 *
 * <p>One finding per (rule id, segment location): the excerpt shows the first match with a few characters of
 * original-text context, e.g. {@code …の資料は社外秘です。本…}, followed by {@code  ×N} when the rule matched N
 * times in that segment. Excerpts are masked: digits in the context (and in regular-expression matches)
 * become {@code *}, so phone or account numbers next to a keyword are never shown in full; line breaks
 * become spaces. Thread-safe (immutable).
 */
public final class KeywordScanner {
    private final KeywordDictionary dictionary;
    private final int context;

    /** Scanner with 8 characters of context on each side of a match. */
    public KeywordScanner(KeywordDictionary dictionary) {
        this(dictionary, 8);
    }

    /** @param contextChars characters of original text shown before and after a match */
    public KeywordScanner(KeywordDictionary dictionary, int contextChars) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
        if (contextChars < 0) {
            throw new IllegalArgumentException("contextChars < 0");
        }
        this.context = contextChars;
    }

    public KeywordDictionary dictionary() {
        return dictionary;
    }

    /** Scans all segments; findings are in segment order, then in order of each rule's first match. */
    public List<Finding> scan(List<TextSegment> segments) {
        return scan(segments, Long.MAX_VALUE);
    }

    /**
     * As {@link #scan(List)}, with a time limit for the regular expressions (a pattern that backtracks
     * catastrophically on some text would otherwise keep the mail's thread busy for ever): when
     * {@code deadlineNanos} ({@link System#nanoTime()} scale) passes during a regular expression, that
     * segment gets an {@code inspection.timeout} finding (category {@code uninspectable}) naming the rule,
     * and no further regular expression runs for this mail; literal keywords are still all checked.
     */
    public List<Finding> scan(List<TextSegment> segments, long deadlineNanos) {
        List<Finding> findings = new ArrayList<>();
        boolean[] timedOut = {false};
        for (TextSegment segment : segments) {
            scanSegment(segment, findings, deadlineNanos, timedOut);
        }
        return Collections.unmodifiableList(findings);
    }

    /** Scans one segment, adding its findings to {@code out}. */
    public void scanSegment(TextSegment segment, List<Finding> out) {
        scanSegment(segment, out, Long.MAX_VALUE, new boolean[1]);
    }

    private void scanSegment(TextSegment segment, List<Finding> out, long deadlineNanos, boolean[] timedOut) {
        if (segment.text().isEmpty() || dictionary.rules().isEmpty()) {
            return;
        }
        NormalizedText text = Normalizer.normalize(segment.text());
        String normalized = text.normalized();
        IntList matches = new IntList();      // triples: rule, start, end
        List<IntList> allows = new ArrayList<>();  // per section: pairs start, end
        AhoCorasick ac = dictionary.automaton();
        ac.scan(normalized, (pattern, end) -> {
            int start = end - ac.patternLength(pattern);
            for (int rule : dictionary.literalRules(pattern)) {
                matches.add(rule, start, end);
            }
            for (int section : dictionary.allowSections(pattern)) {
                while (allows.size() <= section) {
                    allows.add(null);
                }
                if (allows.get(section) == null) {
                    allows.set(section, new IntList());
                }
                allows.get(section).add(start, end);
            }
            return true;
        });
        List<Pattern> regexes = dictionary.regexes();
        CharSequence bounded = deadlineNanos == Long.MAX_VALUE ? normalized : new BoundedText(normalized, deadlineNanos);
        for (int r = 0; r < regexes.size() && !timedOut[0]; r++) {
            Matcher m = regexes.get(r).matcher(bounded);
            int rule = dictionary.regexRule(r);
            try {
                while (m.find()) {
                    if (m.end() > m.start()) {
                        matches.add(rule, m.start(), m.end());
                    }
                }
            } catch (BoundedText.TimeUp e) {
                timedOut[0] = true;
                KeywordRule timedOutRule = dictionary.rules().get(rule);
                out.add(ExtractionProblem.of(segment.location(), ExtractionProblem.Kind.TIMEOUT, "keyword rule "
                    + timedOutRule.ruleId() + ": its regular expression ran past the inspection time limit on this text;"
                    + " not checked").toFinding());
            }
        }
        if (matches.size == 0) {
            return;
        }
        AllowIndex[] allowIndex = new AllowIndex[allows.size()];
        for (int s = 0; s < allows.size(); s++) {
            if (allows.get(s) != null) {
                allowIndex[s] = new AllowIndex(allows.get(s));
            }
        }
        // aggregate by rule id, in order of first match
        java.util.Map<String, Integer> ruleIds = new java.util.HashMap<>();
        List<int[]> firsts = new ArrayList<>(); // rule, start, end, count
        for (int k = 0; k < matches.size; k += 3) {
            int ruleIdx = matches.data[k];
            int start = matches.data[k + 1];
            int end = matches.data[k + 2];
            KeywordRule rule = dictionary.rules().get(ruleIdx);
            int section = rule.section();
            if (section < allowIndex.length && allowIndex[section] != null && allowIndex[section].covers(start, end)) {
                continue;
            }
            Integer at = ruleIds.get(rule.ruleId());
            if (at == null) {
                ruleIds.put(rule.ruleId(), firsts.size());
                firsts.add(new int[] {ruleIdx, start, end, 1});
            } else {
                int[] f = firsts.get(at);
                f[3]++;
                if (start < f[1]) {
                    f[0] = ruleIdx;
                    f[1] = start;
                    f[2] = end;
                }
            }
        }
        firsts.sort((a, b) -> Integer.compare(a[1], b[1]));
        for (int[] f : firsts) {
            KeywordRule rule = dictionary.rules().get(f[0]);
            String excerpt = excerpt(text, f[1], f[2], rule.kind() == KeywordRule.Kind.REGEX);
            if (f[3] > 1) {
                excerpt = excerpt + " ×" + f[3];
            }
            out.add(Finding.of(rule.ruleId(), rule.category(), rule.severity(), segment.location(), excerpt));
        }
    }

    /** Masked excerpt of the original text around normalized range [start, end). */
    String excerpt(NormalizedText text, int start, int end, boolean maskMatch) {
        String original = text.original();
        int os = text.originalStart(start);
        int oe = Math.max(os, text.originalEnd(end));
        int cs = Math.max(0, os - context);
        int ce = Math.min(original.length(), oe + context);
        if (cs > 0 && Character.isLowSurrogate(original.charAt(cs))) {
            cs--;
        }
        if (ce < original.length() && ce > 0 && Character.isHighSurrogate(original.charAt(ce - 1))) {
            ce++;
        }
        StringBuilder sb = new StringBuilder();
        if (cs > 0) {
            sb.append('…');
        }
        appendMasked(sb, original, cs, os, true);
        String match = original.substring(os, oe);
        if (match.length() > 40) {
            match = match.substring(0, 39) + "…";
        }
        appendMasked(sb, match, 0, match.length(), maskMatch);
        appendMasked(sb, original, oe, ce, true);
        if (ce < original.length()) {
            sb.append('…');
        }
        return sb.toString();
    }

    private static void appendMasked(StringBuilder sb, String s, int from, int to, boolean maskDigits) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (maskDigits && Character.isDigit(c)) {
                sb.append('*');
            } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (sb.length() == 0 || sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
            }
        }
    }

    /** Text that stops a regular expression once the deadline has passed (checked every 4,096 reads). */
    static final class BoundedText implements CharSequence {
        static final class TimeUp extends RuntimeException {
            private static final long serialVersionUID = 1L;

            TimeUp() {
                super("time limit", null, false, false);
            }
        }

        private final String text;
        private final long deadlineNanos;
        private int reads;

        BoundedText(String text, long deadlineNanos) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
                throw new TimeUp();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Allow-list occurrences of one section: does some occurrence contain [start, end)? */
    private static final class AllowIndex {
        private final int[] starts;
        private final int[] maxEnd;

        AllowIndex(IntList pairs) {
            int n = pairs.size / 2;
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = ((long) pairs.data[2 * i] << 32) | (pairs.data[2 * i + 1] & 0xffffffffL);
            }
            Arrays.sort(packed);
            starts = new int[n];
            maxEnd = new int[n];
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                starts[i] = (int) (packed[i] >>> 32);
                max = Math.max(max, (int) packed[i]);
                maxEnd[i] = max;
            }
        }

        boolean covers(int start, int end) {
            int lo = 0;
            int hi = starts.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= start) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found >= 0 && maxEnd[found] >= end;
        }
    }

    private static final class IntList {
        int[] data = new int[24];
        int size;

        void add(int a, int b) {
            ensure(2);
            data[size++] = a;
            data[size++] = b;
        }

        void add(int a, int b, int c) {
            ensure(3);
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
        }

        private void ensure(int extra) {
            if (size + extra > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
        }
    }
}
