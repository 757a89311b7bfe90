package io.sendguard.dkim.message;

import java.util.Locale;
import java.util.Objects;

/**
 * One header field of a message exactly as it appears: name, colon and value including any folding
 * CRLFs, without the terminating CRLF. Text is ISO-8859-1 (one char per byte), so 8-bit bytes survive.
 */
public final class HeaderField {
    private final String name;
    private final String lowerCaseName;
    private final String raw;

    private HeaderField(String name, String raw) {
        this.name = name;
        this.lowerCaseName = name.toLowerCase(Locale.ROOT);
        this.raw = raw;
    }

    /**
     * @param raw the raw field text {@code name ":" value} without the final CRLF
     * @return the header field
     * @throws IllegalArgumentException when the text has no colon or an empty name
     */
    public static HeaderField of(String raw) {
        Objects.requireNonNull(raw, "raw");
        int colon = raw.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("header field without colon");
        }
        String name = raw.substring(0, colon).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header field with an empty name");
        }
        return new HeaderField(name, raw);
    }

    /** @return the field name as written (without surrounding whitespace) */
    public String name() {
        return name;
    }

    /** @return the lower-cased field name, for case-insensitive comparison */
    public String lowerCaseName() {
        return lowerCaseName;
    }

    /** @return the raw text of the field value (after the colon), folding included */
    public String rawValue() {
        return raw.substring(raw.indexOf(':') + 1);
    }

    /** @return the raw field text without the terminating CRLF */
    public String raw() {
        return raw;
    }

    /**
     * @param otherName a field name
     * @return whether this field has that name, ignoring case
     */
    public boolean hasName(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField && ((HeaderField) o).raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "HeaderField[" + name + "]";
    }
}
