package io.sendguard.core.suppression;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.sendguard.core.recipients.DomainNames;

/**
 * One suppressed address ({@code bob@example.com}) or domain ({@code @example.com}, which covers its
 * subdomains too), in normalized form, with why and where it comes from.
 */
public final class SuppressionEntry {
    /** Where an entry comes from. */
    public enum Source { CONF_FILE, WEBADMIN }

    private final String value;
    private final SuppressionReason reason;
    private final Source source;
    private final Optional<Instant> addedAt;

    public SuppressionEntry(String value, SuppressionReason reason, Source source, Optional<Instant> addedAt) {
        this.value = Objects.requireNonNull(value);
        this.reason = Objects.requireNonNull(reason);
        this.source = Objects.requireNonNull(source);
        this.addedAt = Objects.requireNonNull(addedAt);
    }

    /**
     * The normalized form of an address or {@code @domain}: lower case, the domain in ASCII (IDNA).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static String normalize(String raw) {
        String value = raw == null ? "" : raw.trim();
        if (value.startsWith("@")) {
            return DomainNames.normalizeDomain(value.substring(1)).map(d -> "@" + d)
                .orElseThrow(() -> new IllegalArgumentException("not a domain after '@'"));
        }
        return DomainNames.normalizeAddress(value)
            .orElseThrow(() -> new IllegalArgumentException("not an address or @domain"));
    }

    public boolean isDomain() {
        return value.startsWith("@");
    }

    /** Whether this entry covers the normalized address. */
    public boolean covers(String normalizedAddress) {
        if (isDomain()) {
            return DomainNames.isSameOrSubdomain(DomainNames.domainOf(normalizedAddress), value.substring(1));
        }
        return value.equals(normalizedAddress);
    }

    public String value() {
        return value;
    }

    public SuppressionReason reason() {
        return reason;
    }

    public Source source() {
        return source;
    }

    public Optional<Instant> addedAt() {
        return addedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SuppressionEntry)) {
            return false;
        }
        SuppressionEntry that = (SuppressionEntry) o;
        return value.equals(that.value) && reason == that.reason && source == that.source && addedAt.equals(that.addedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, reason, source, addedAt);
    }

    @Override
    public String toString() {
        return value + " (" + reason.label() + ", " + source + ")";
    }
}
