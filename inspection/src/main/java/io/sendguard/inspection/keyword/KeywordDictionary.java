package io.sendguard.inspection.keyword;

import io.sendguard.core.finding.Severity;
import io.sendguard.inspection.text.Normalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An immutable, compiled keyword dictionary: literal keywords in one {@link AhoCorasick} automaton,
 * regular expressions compiled once, allow-list phrases. Thread-safe.
 *
 * <h2>File format</h2>
 * UTF-8 text (a leading BOM is ignored), one entry per line; leading and trailing whitespace is trimmed.
 * <pre>
 * # comment: a line whose first non-blank character is '#'; blank lines are ignored
 * [category=confidential severity=high]
 * 社外秘
 * 極秘
 * re:(?i)strictly\s+confidential
 * allow:社外秘ではありません
 * lit:#hashtag-keyword
 *
 * [category=internal severity=medium rule=keyword.internal-only]
 * 関係者外秘
 * </pre>
 * <ul>
 *   <li><b>Section header</b> {@code [key=value ...]}: starts a section; every entry belongs to the section
 *       above it (an entry before the first header is an error). Keys: {@code category} (required;
 *       letters, digits, {@code . _ -}), {@code severity} ({@code info|low|medium|high|critical}, default
 *       {@code medium}), {@code rule} (the rule id of the findings, default {@code keyword.<category>}).
 *       Values cannot contain spaces. Unknown keys are errors.</li>
 *   <li><b>Literal keyword</b>: any other line. It is normalized exactly like the scanned text (see
 *       {@link Normalizer}: NFKC, lower case, spaces between Japanese letters removed), so {@code 社外秘}
 *       also matches {@code ｼｬｶﾞｲﾋ}-style width variants, {@code 社 外 秘}, and {@code CONFIDENTIAL} matches
 *       {@code ＣＯＮＦＩＤＥＮＴＩＡＬ} or {@code confidential}. A keyword of several words (after
 *       normalization, at least {@value #MIN_SPACELESS_LENGTH} letters without its spaces) also matches its words
 *       written together, which is what letter-spaced text becomes ({@code I N T E R N A L   O N L Y} and
 *       {@code internalonly} match {@code internal only}).</li>
 *   <li><b>{@code re:}</b> a {@link java.util.regex.Pattern} applied to the <em>normalized</em> text (so
 *       write it in lower case, and expect NFKC: ASCII digits, full-width katakana, single spaces).
 *       A syntax error is reported with its line.</li>
 *   <li><b>{@code allow:}</b> an allow-list phrase (normalized like a literal): a match of this section's
 *       keywords or expressions that lies entirely inside an occurrence of the phrase is ignored, e.g.
 *       {@code allow:社外秘ではありません}.</li>
 *   <li><b>{@code lit:}</b> a literal keyword taken verbatim after the prefix, for keywords that would
 *       otherwise read as a comment, header or prefix ({@code lit:#1}, {@code lit:re:}).</li>
 * </ul>
 * Errors ({@link KeywordDictionaryException}) carry the file name and line number.
 */
public final class KeywordDictionary {
    /** Shortest phrase of several words, without its spaces, that also matches with its words written together. */
    public static final int MIN_SPACELESS_LENGTH = 6;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final String name;
    private final List<KeywordRule> rules;
    /** Automaton over literal keywords and allow phrases. */
    private final AhoCorasick automaton;
    /** automaton pattern index -> rule indexes (literals) */
    private final int[][] literalRules;
    /** automaton pattern index -> sections whose allow-list holds it (empty when none) */
    private final int[][] allowSections;
    private final List<Pattern> regexes;
    private final int[] regexRules;
    private final int sectionCount;

    private KeywordDictionary(String name, List<KeywordRule> rules, AhoCorasick automaton, int[][] literalRules,
                              int[][] allowSections, List<Pattern> regexes, int[] regexRules, int sectionCount) {
        this.name = name;
        this.rules = rules;
        this.automaton = automaton;
        this.literalRules = literalRules;
        this.allowSections = allowSections;
        this.regexes = regexes;
        this.regexRules = regexRules;
        this.sectionCount = sectionCount;
    }

    /** A dictionary with no entries. */
    public static KeywordDictionary empty() {
        try {
            return parse("(empty)", new java.io.StringReader(""));
        } catch (IOException | KeywordDictionaryException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a UTF-8 dictionary file; malformed UTF-8 is an error. */
    public static KeywordDictionary load(Path file) throws IOException, KeywordDictionaryException {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KeywordDictionaryException(fileName, 0, "not valid UTF-8", e);
        }
        return parse(fileName, new java.io.StringReader(text));
    }

    /**
     * Parses a dictionary.
     *
     * @param name used in error messages, usually the file name
     */
    public static KeywordDictionary parse(String name, Reader reader) throws IOException, KeywordDictionaryException {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        List<KeywordRule> rules = new ArrayList<>();
        Map<String, List<Integer>> literalIndex = new LinkedHashMap<>();
        Map<String, List<Integer>> allowIndex = new LinkedHashMap<>();
        List<Pattern> regexes = new ArrayList<>();
        List<Integer> regexRules = new ArrayList<>();
        int section = -1;
        String category = null;
        Severity severity = null;
        String ruleId = null;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[")) {
                if (!t.endsWith("]")) {
                    throw new KeywordDictionaryException(name, lineNo, "section header must end with ']'");
                }
                Map<String, String> attrs = parseHeader(name, lineNo, t.substring(1, t.length() - 1));
                category = attrs.get("category");
                if (category == null) {
                    throw new KeywordDictionaryException(name, lineNo, "section header needs category=...");
                }
                try {
                    severity = attrs.containsKey("severity") ? Severity.parse(attrs.get("severity")) : Severity.MEDIUM;
                } catch (IllegalArgumentException e) {
                    throw new KeywordDictionaryException(name, lineNo, e.getMessage());
                }
                ruleId = attrs.getOrDefault("rule", "keyword." + category);
                section++;
                continue;
            }
            if (section < 0) {
                throw new KeywordDictionaryException(name, lineNo,
                    "entry before the first section header; add e.g. [category=confidential severity=high]");
            }
            if (t.startsWith("re:")) {
                String source = t.substring(3).strip();
                if (source.isEmpty()) {
                    throw new KeywordDictionaryException(name, lineNo, "empty regular expression");
                }
                Pattern p;
                try {
                    p = Pattern.compile(source);
                } catch (PatternSyntaxException e) {
                    throw new KeywordDictionaryException(name, lineNo,
                        "bad regular expression: " + e.getDescription() + " near index " + e.getIndex(), e);
                }
                if (p.matcher("").matches()) {
                    throw new KeywordDictionaryException(name, lineNo, "regular expression matches the empty string");
                }
                regexes.add(p);
                regexRules.add(rules.size());
                rules.add(new KeywordRule(KeywordRule.Kind.REGEX, source, ruleId, category, severity, section, lineNo));
            } else if (t.startsWith("allow:")) {
                String phrase = normalizeEntry(name, lineNo, t.substring(6));
                for (String form : spaceless(phrase).map(joined -> List.of(phrase, joined)).orElse(List.of(phrase))) {
                    List<Integer> sections = allowIndex.computeIfAbsent(form, k -> new ArrayList<>());
                    if (!sections.contains(section)) {
                        sections.add(section);
                    }
                }
            } else {
                String raw = t.startsWith("lit:") ? t.substring(4) : t;
                String keyword = normalizeEntry(name, lineNo, raw);
                List<Integer> ruleIdx = literalIndex.computeIfAbsent(keyword, k -> new ArrayList<>());
                boolean duplicate = false;
                for (int r : ruleIdx) {
                    if (rules.get(r).section() == section) {
                        duplicate = true;
                        break;
                    }
                }
                if (!duplicate) {
                    int rule = rules.size();
                    ruleIdx.add(rule);
                    rules.add(new KeywordRule(KeywordRule.Kind.LITERAL, keyword, ruleId, category, severity, section, lineNo));
                    spaceless(keyword).ifPresent(joined -> {
                        List<Integer> joinedIdx = literalIndex.computeIfAbsent(joined, k -> new ArrayList<>());
                        if (!joinedIdx.contains(rule)) {
                            joinedIdx.add(rule);
                        }
                    });
                }
            }
        }
        // one automaton for literals and allow phrases
        List<String> patterns = new ArrayList<>(literalIndex.size() + allowIndex.size());
        Map<String, Integer> patternIndex = new HashMap<>();
        for (String k : literalIndex.keySet()) {
            patternIndex.put(k, patterns.size());
            patterns.add(k);
        }
        for (String k : allowIndex.keySet()) {
            if (!patternIndex.containsKey(k)) {
                patternIndex.put(k, patterns.size());
                patterns.add(k);
            }
        }
        int[][] literalRules = new int[patterns.size()][];
        int[][] allowSections = new int[patterns.size()][];
        for (int i = 0; i < patterns.size(); i++) {
            literalRules[i] = toArray(literalIndex.get(patterns.get(i)));
            allowSections[i] = toArray(allowIndex.get(patterns.get(i)));
        }
        int[] regexRuleArray = toArray(regexRules);
        return new KeywordDictionary(name, Collections.unmodifiableList(rules), AhoCorasick.build(patterns),
            literalRules, allowSections, Collections.unmodifiableList(regexes), regexRuleArray, section + 1);
    }

    private static int[] toArray(List<Integer> list) {
        if (list == null) {
            return new int[0];
        }
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /**
     * The words of a normalized phrase of several words written together (letter-spaced text normalizes to that:
     * the {@link Normalizer} removes the spaces between single letters, including those between the words), when it
     * is long enough not to turn up inside ordinary words.
     */
    static java.util.Optional<String> spaceless(String normalized) {
        if (normalized.indexOf(' ') < 0) {
            return java.util.Optional.empty();
        }
        String joined = normalized.replace(" ", "");
        return joined.length() >= MIN_SPACELESS_LENGTH ? java.util.Optional.of(joined) : java.util.Optional.empty();
    }

    private static String normalizeEntry(String name, int lineNo, String raw) throws KeywordDictionaryException {
        String normalized = Normalizer.normalize(raw.strip()).normalized().strip();
        if (normalized.isEmpty()) {
            throw new KeywordDictionaryException(name, lineNo, "empty keyword");
        }
        return normalized;
    }

    private static Map<String, String> parseHeader(String name, int lineNo, String body) throws KeywordDictionaryException {
        Map<String, String> attrs = new HashMap<>();
        for (String part : body.strip().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new KeywordDictionaryException(name, lineNo, "expected key=value in section header, got '" + part + "'");
            }
            String key = part.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1);
            if (!key.equals("category") && !key.equals("severity") && !key.equals("rule")) {
                throw new KeywordDictionaryException(name, lineNo, "unknown key '" + key + "' (expected category, severity, rule)");
            }
            if (!key.equals("severity") && !NAME.matcher(value).matches()) {
                throw new KeywordDictionaryException(name, lineNo, "bad " + key + " '" + value + "' (letters, digits, . _ - only)");
            }
            if (attrs.put(key, value) != null) {
                throw new KeywordDictionaryException(name, lineNo, "duplicate key '" + key + "'");
            }
        }
        return attrs;
    }

    /** The name given when parsing (file name). */
    public String name() {
        return name;
    }

    /** All literal and regular-expression rules, in file order. */
    public List<KeywordRule> rules() {
        return rules;
    }

    /** Number of {@code [...]} sections. */
    public int sectionCount() {
        return sectionCount;
    }

    AhoCorasick automaton() {
        return automaton;
    }

    int[] literalRules(int patternIndex) {
        return literalRules[patternIndex];
    }

    int[] allowSections(int patternIndex) {
        return allowSections[patternIndex];
    }

    List<Pattern> regexes() {
        return regexes;
    }

    int regexRule(int regexIndex) {
        return regexRules[regexIndex];
    }

    @Override
    public String toString() {
        return "KeywordDictionary[" + name + ", " + rules.size() + " rules, " + sectionCount + " sections]";
    }
}
