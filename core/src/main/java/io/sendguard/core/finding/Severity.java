package io.sendguard.core.finding;

import java.util.Locale;

/** How serious a finding is; policies compare severities with {@link #atLeast(Severity)}. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a severity name, ignoring case.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static Severity parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown severity '" + value
                + "', expected one of info, low, medium, high, critical");
        }
    }
}
