package io.sendguard.core.finding;

import java.util.Objects;

/**
 * One thing an inspection found in a mail: which rule, what kind, how serious, where, and a masked
 * excerpt. Findings travel with the mail (never its body), so the excerpt must already be masked.
 */
public final class Finding {
    private final String ruleId;
    private final String category;
    private final Severity severity;
    private final String location;
    private final String excerpt;

    private Finding(String ruleId, String category, Severity severity, String location, String excerpt) {
        this.ruleId = requireText(ruleId, "ruleId");
        this.category = requireText(category, "category");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.location = location == null ? "" : location;
        this.excerpt = excerpt == null ? "" : excerpt;
    }

    /**
     * @param ruleId   stable id of the rule that fired, e.g. {@code attachment.blocked-type}
     * @param category what kind of finding, e.g. {@code attachment}, {@code keyword}, {@code personal-data}
     * @param location where in the mail: {@code subject}, {@code body}, {@code attachment:report.pdf}, ...
     * @param excerpt  a short, already masked excerpt shown to people
     */
    public static Finding of(String ruleId, String category, Severity severity, String location, String excerpt) {
        return new Finding(ruleId, category, severity, location, excerpt);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
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

    public String location() {
        return location;
    }

    public String excerpt() {
        return excerpt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Finding)) {
            return false;
        }
        Finding that = (Finding) o;
        return ruleId.equals(that.ruleId) && category.equals(that.category) && severity == that.severity
            && location.equals(that.location) && excerpt.equals(that.excerpt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, category, severity, location, excerpt);
    }

    @Override
    public String toString() {
        return severity + " " + ruleId + " (" + category + ") at " + location
            + (excerpt.isEmpty() ? "" : ": " + excerpt);
    }
}
