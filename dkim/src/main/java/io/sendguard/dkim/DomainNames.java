package io.sendguard.dkim;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/** Validation and normalization of signing domains and selectors (lower-case A-labels). */
public final class DomainNames {
    /** Longest label (RFC 1035). */
    private static final int MAX_LABEL = 63;

    private DomainNames() {
    }

    /**
     * Normalizes a domain name: trims, drops one trailing dot, converts IDNs to A-labels and lower-cases.
     *
     * @param domain a domain name
     * @return the normalized name, or empty when it is not a syntactically valid domain name
     */
    public static Optional<String> normalize(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String d = domain.trim();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253) {
            return Optional.empty();
        }
        if (!isAscii(d)) {
            // an all-ASCII name is its own A-label form (IDN.toASCII leaves it as it is): looked up on every mail
            try {
                d = IDN.toASCII(d);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        d = d.toLowerCase(Locale.ROOT);
        return hasValidLabels(d) ? Optional.of(d) : Optional.empty();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every dot-separated label is 1 to 63 characters of lower-case letters, digits, underscores and
     * hyphens, neither starting nor ending with a hyphen (underscores: selectors and service labels).
     */
    static boolean hasValidLabels(String d) {
        int start = 0;
        while (true) {
            int end = d.indexOf('.', start);
            int stop = end < 0 ? d.length() : end;
            int length = stop - start;
            if (length < 1 || length > MAX_LABEL || d.charAt(start) == '-' || d.charAt(stop - 1) == '-') {
                return false;
            }
            for (int i = start; i < stop; i++) {
                char c = d.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                    return false;
                }
            }
            if (end < 0) {
                return true;
            }
            start = end + 1;
        }
    }

    /**
     * @param domain a normalized domain
     * @return the parent domain ({@code sub.example.com} gives {@code example.com}), or empty for a single label
     */
    public static Optional<String> parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(domain.substring(dot + 1));
    }

    /**
     * @param domain    a normalized domain
     * @param ancestor  a normalized domain
     * @return whether {@code domain} equals {@code ancestor} or is a subdomain of it
     */
    public static boolean isSameOrSubdomain(String domain, String ancestor) {
        return domain.equals(ancestor) || domain.endsWith("." + ancestor);
    }
}
