package io.sendguard.inspection.keyword;

import io.sendguard.core.finding.Severity;
import java.util.Objects;

/**
 * One entry of a {@link KeywordDictionary}: a literal keyword (already normalized) or a regular expression,
 * with the rule id, category and severity of its section and the line it came from. Immutable.
 */
public final class KeywordRule {
    /** What kind of pattern a rule holds. */
    public enum Kind { LITERAL, REGEX }

    private final Kind kind;
    private final String pattern;
    private final String ruleId;
    private final String category;
    private final Severity severity;
    private final int section;
    private final int line;

    KeywordRule(Kind kind, String pattern, String ruleId, String category, Severity severity, int section, int line) {
        this.kind = Objects.requireNonNull(kind);
        this.pattern = Objects.requireNonNull(pattern);
        this.ruleId = Objects.requireNonNull(ruleId);
        this.category = Objects.requireNonNull(category);
        this.severity = Objects.requireNonNull(severity);
        this.section = section;
        this.line = line;
    }

    public Kind kind() {
        return kind;
    }

    /** The normalized literal, or the regular expression source. */
    public String pattern() {
        return pattern;
    }

    public String ruleId() {
        return ruleId;
    }

    public String category() {
        return category;
    }

    public Severity severity() {
        return severity;
    }

    /** 0-based index of the {@code [..]} section the rule belongs to (allow-list phrases work per section). */
    public int section() {
        return section;
    }

    /** 1-based line number in the dictionary file. */
    public int line() {
        return line;
    }

    @Override
    public String toString() {
        return ruleId + " " + kind + " '" + pattern + "' (line " + line + ")";
    }
}
