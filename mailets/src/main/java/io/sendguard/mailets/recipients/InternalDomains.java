package io.sendguard.mailets.recipients;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import io.sendguard.core.recipients.DomainNames;

/**
 * Decides whether a domain is internal: a domain the server is local for (as James's domain list
 * says), or one of a configured list of domains and their subdomains. Domains are compared in
 * their ASCII (IDNA) form, in lower case, without a trailing dot; anything that cannot be read as a
 * domain is external.
 */
public final class InternalDomains {

    private final List<String> configured;
    private final Predicate<String> localServer;

    /**
     * @param configured  internal domains (already normalized, see {@link #normalize(String)}); their subdomains are internal too
     * @param localServer whether the server is local for a normalized domain (exact match)
     */
    public InternalDomains(List<String> configured, Predicate<String> localServer) {
        this.configured = List.copyOf(configured);
        this.localServer = localServer;
    }

    public boolean isInternal(String normalizedDomain) {
        if (normalizedDomain == null || normalizedDomain.isEmpty()) {
            return false;
        }
        for (String domain : configured) {
            if (normalizedDomain.equals(domain) || normalizedDomain.endsWith("." + domain)) {
                return true;
            }
        }
        try {
            return localServer.test(normalizedDomain);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The ASCII (IDNA), lower-case form of a domain, or empty when it is not a valid domain name. */
    public static Optional<String> normalize(String domain) {
        return DomainNames.normalizeDomain(domain);
    }

    /**
     * An address in comparable form: local part and domain in lower case, the domain in ASCII
     * (IDNA). Addresses without a domain, or with an invalid one, are returned in lower case with
     * no domain part, so that they never compare as internal.
     */
    public static String normalizeAddress(String address) {
        String value = address == null ? "" : address.trim();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return value.toLowerCase(Locale.ROOT);
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        return normalize(value.substring(at + 1))
            .map(domain -> local + "@" + domain)
            .orElse(value.toLowerCase(Locale.ROOT));
    }

    /** The domain of a normalized address, or empty when it has no valid domain. */
    public static Optional<String> domainOf(String normalizedAddress) {
        int at = normalizedAddress.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = normalizedAddress.substring(at + 1);
        return DomainNames.isAsciiDomain(domain, Integer.MAX_VALUE) ? Optional.of(domain) : Optional.empty();
    }

    /** The mail's envelope recipients (normalized) whose domain James is not local for. */
    public static List<String> externalRecipients(Mail mail, MailetContext context) {
        List<String> external = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String address = normalizeAddress(recipient.asString());
            Optional<String> domain = domainOf(address);
            if (domain.isPresent() && !isLocal(context, domain.get())) {
                external.add(address);
            }
        }
        return external;
    }

    private static boolean isLocal(MailetContext context, String domain) {
        try {
            return context.isLocalServer(Domain.of(domain));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
