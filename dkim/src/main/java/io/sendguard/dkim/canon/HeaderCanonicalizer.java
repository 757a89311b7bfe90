package io.sendguard.dkim.canon;

import io.sendguard.dkim.message.HeaderField;

import java.util.Locale;
import java.util.Objects;

/**
 * Header canonicalization of RFC 6376 section 3.4.1 (simple) and 3.4.2 (relaxed).
 *
 * <p>Header text is handled as ISO-8859-1 strings so that every byte maps to exactly one char and
 * back; the result never contains the terminating CRLF, the caller appends it where needed.</p>
 */
public final class HeaderCanonicalizer {

    private HeaderCanonicalizer() {
    }

    /**
     * Canonicalizes one header field.
     *
     * @param canonicalization the algorithm
     * @param field            the header field as it appears in the message
     * @return the canonical form without trailing CRLF
     */
    public static String canonicalize(Canonicalization canonicalization, HeaderField field) {
        Objects.requireNonNull(canonicalization, "canonicalization");
        Objects.requireNonNull(field, "field");
        return canonicalize(canonicalization, field.raw());
    }

    /**
     * Canonicalizes the raw text of one header field ({@code name ":" value}, possibly folded,
     * without the final CRLF).
     *
     * @param canonicalization the algorithm
     * @param rawField         the raw field text
     * @return the canonical form without trailing CRLF
     */
    public static String canonicalize(Canonicalization canonicalization, String rawField) {
        if (canonicalization == Canonicalization.SIMPLE) {
            return rawField;
        }
        int colon = rawField.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("header field without colon");
        }
        String name = stripTrailingWsp(rawField.substring(0, colon)).toLowerCase(Locale.ROOT);
        String value = relaxValue(rawField.substring(colon + 1));
        return name + ":" + value;
    }

    private static String relaxValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingWsp = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                i++; // unfold: only CRLF goes (RFC 6376 3.4.2); a bare CR or LF is part of the value, as dkimpy reads it
                continue;
            }
            if (c == ' ' || c == '\t') {
                pendingWsp = true;
                continue;
            }
            if (pendingWsp && out.length() > 0) {
                out.append(' ');
            }
            pendingWsp = false;
            out.append(c);
        }
        return out.toString();
    }

    private static String stripTrailingWsp(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }
}
