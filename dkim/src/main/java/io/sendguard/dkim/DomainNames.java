package io.sendguard.dkim;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation and normalization of signing domains and selectors (lower-case A-labels). */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");

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
        try {
            d = IDN.toASCII(d).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String label : d.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(d);
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
