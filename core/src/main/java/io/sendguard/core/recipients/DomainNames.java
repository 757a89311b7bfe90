package io.sendguard.core.recipients;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Domain names and addresses in comparable form: lower case, the domain in its ASCII (IDNA) form,
 * without a trailing dot. The same rules as the mailets' {@code InternalDomains}, for plain classes
 * that must not depend on the mailet module.
 */
public final class DomainNames {
    /** Longest DNS label (RFC 1035), as IDN.toASCII enforces it. */
    private static final int MAX_LABEL = 63;
    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+");

    private DomainNames() {
    }

    /** The ASCII (IDNA), lower-case form of a domain, or empty when it is not a valid domain name. */
    public static Optional<String> normalizeDomain(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String value = domain.trim();
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty() || value.startsWith("[")) {
            return Optional.empty();
        }
        if (Confusables.isAscii(value)) {
            // IDN.toASCII leaves an ASCII name as it is, refusing only labels over 63 characters (and empty ones,
            // which the syntax refuses too): done here without it, as this runs for every address of every mail
            String lower = value.toLowerCase(Locale.ROOT);
            return isAsciiDomain(lower, MAX_LABEL) ? Optional.of(lower) : Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(value, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return isAsciiDomain(ascii, Integer.MAX_VALUE) ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a name is dot-separated labels of lower-case letters, digits, underscores and hyphens, each
     * starting and ending with a letter, digit or underscore, and at most {@code maxLabel} long.
     */
    public static boolean isAsciiDomain(String name, int maxLabel) {
        int start = 0;
        while (true) {
            int end = name.indexOf('.', start);
            int stop = end < 0 ? name.length() : end;
            int length = stop - start;
            if (length < 1 || length > maxLabel || name.charAt(start) == '-' || name.charAt(stop - 1) == '-') {
                return false;
            }
            for (int i = start; i < stop; i++) {
                char c = name.charAt(i);
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
     * A plain address ({@code local@domain}, no display name, no quoting) in comparable form, or empty
     * when it is not one.
     */
    public static Optional<String> normalizeAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String value = address.trim();
        int at = value.lastIndexOf('@');
        if (at <= 0 || !LOCAL_PART.matcher(value.substring(0, at)).matches()) {
            return Optional.empty();
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        return normalizeDomain(value.substring(at + 1)).map(domain -> local + "@" + domain);
    }

    /** The domain of a normalized address. */
    public static String domainOf(String normalizedAddress) {
        return normalizedAddress.substring(normalizedAddress.lastIndexOf('@') + 1);
    }

    /** Whether {@code domain} is {@code parent} or one of its subdomains (both normalized). */
    public static boolean isSameOrSubdomain(String domain, String parent) {
        return domain.equals(parent) || domain.endsWith("." + parent);
    }

    /** The Unicode form of a normalized (ASCII) domain, for people and for look-alike comparison. */
    public static String toUnicode(String asciiDomain) {
        try {
            return IDN.toUnicode(asciiDomain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return asciiDomain;
        }
    }
}
