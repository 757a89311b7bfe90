package io.sendguard.core.history;

import java.util.LinkedHashSet;
import java.util.Set;

import io.sendguard.core.recipients.Confusables;
import io.sendguard.core.recipients.DomainNames;

/**
 * The facts the {@link SendingHistory} keeps about one recipient: its address ({@code a:}), its domain
 * ({@code d:}) and the confusables skeleton of its domain ({@code s:}), so that a later domain that
 * only looks like a known one can be told from it. Addresses and domains are normalized
 * ({@link DomainNames}).
 */
public final class RecipientFacts {
    private RecipientFacts() {
    }

    public static String address(String normalizedAddress) {
        return "a:" + normalizedAddress;
    }

    public static String domain(String normalizedDomain) {
        return "d:" + normalizedDomain;
    }

    public static String skeleton(String normalizedDomain) {
        return "s:" + Confusables.skeleton(normalizedDomain);
    }

    /** The facts of each recipient (normalized addresses). */
    public static Set<String> of(Iterable<String> normalizedAddresses) {
        Set<String> facts = new LinkedHashSet<>();
        for (String address : normalizedAddresses) {
            String domain = DomainNames.domainOf(address);
            facts.add(address(address));
            facts.add(domain(domain));
            facts.add(skeleton(domain));
        }
        return facts;
    }
}
