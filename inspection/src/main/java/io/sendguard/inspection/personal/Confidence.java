package io.sendguard.inspection.personal;

import java.util.Locale;

/** How sure a detector is that a match is personal data; rises with context (a label, bank words...). */
public enum Confidence {
    /** the shape and check digit fit, nothing around it says what it is */
    LOW,
    /** a weaker hint: formatted like the real thing, a label elsewhere in the same segment, bank words */
    MEDIUM,
    /** a label right next to it (マイナンバー, 口座番号, card...) */
    HIGH;

    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }

    public static Confidence parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown confidence '" + value + "', expected low, medium or high");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
