package io.sendguard.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finding as the audit trail keeps it: rule, category, severity and location, never an excerpt (an
 * excerpt may carry personal data, and the trail is kept for years).
 */
public final class AuditFinding {
    private final String rule;
    private final String category;
    private final String severity;
    private final String location;

    public AuditFinding(String rule, String category, String severity, String location) {
        this.rule = nonNull(rule);
        this.category = nonNull(category);
        this.severity = nonNull(severity);
        this.location = nonNull(location);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    public String rule() {
        return rule;
    }

    public String category() {
        return category;
    }

    public String severity() {
        return severity;
    }

    public String location() {
        return location;
    }

    Map<String, Object> toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rule", rule);
        map.put("category", category);
        map.put("severity", severity);
        map.put("location", location);
        return map;
    }

    static AuditFinding fromJson(Map<?, ?> map) {
        return new AuditFinding(string(map.get("rule")), string(map.get("category")), string(map.get("severity")),
            string(map.get("location")));
    }

    private static String string(Object value) {
        return value instanceof String ? (String) value : "";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AuditFinding)) {
            return false;
        }
        AuditFinding that = (AuditFinding) o;
        return rule.equals(that.rule) && category.equals(that.category) && severity.equals(that.severity)
            && location.equals(that.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, category, severity, location);
    }

    @Override
    public String toString() {
        return severity + " " + rule + " (" + category + ") at " + location;
    }
}
