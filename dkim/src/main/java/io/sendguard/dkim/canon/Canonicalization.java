package io.sendguard.dkim.canon;

import java.util.Locale;
import java.util.Optional;

/** The two canonicalization algorithms of RFC 6376 section 3.4. */
public enum Canonicalization {
    /** RFC 6376 3.4.1 (headers) and 3.4.3 (body). */
    SIMPLE("simple"),
    /** RFC 6376 3.4.2 (headers) and 3.4.4 (body). */
    RELAXED("relaxed");

    private final String tagValue;

    Canonicalization(String tagValue) {
        this.tagValue = tagValue;
    }

    /** @return the name as used in the {@code c=} tag */
    public String tagValue() {
        return tagValue;
    }

    /**
     * @param name {@code simple} or {@code relaxed}, case-insensitive
     * @return the canonicalization, or empty when unknown
     */
    public static Optional<Canonicalization> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Canonicalization c : values()) {
            if (c.tagValue.equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
