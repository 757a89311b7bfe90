package io.sendguard.dkim;

import java.util.Objects;

/**
 * A private key together with the signing domain ({@code d=}) and selector ({@code s=}) under
 * which its public key is published. Immutable.
 */
public final class DkimSigningKey {
    private final String domain;
    private final String selector;
    private final DkimPrivateKey privateKey;

    private DkimSigningKey(String domain, String selector, DkimPrivateKey privateKey) {
        this.domain = domain;
        this.selector = selector;
        this.privateKey = privateKey;
    }

    /**
     * @param domain     the signing domain, normalized to a lower-case A-label
     * @param selector   the selector (one or more dot-separated labels), lower-cased
     * @param privateKey the key
     * @return the signing key
     * @throws DkimConfigurationException when the domain or selector is not valid
     */
    public static DkimSigningKey of(String domain, String selector, DkimPrivateKey privateKey)
            throws DkimConfigurationException {
        Objects.requireNonNull(privateKey, "privateKey");
        String d = DomainNames.normalize(domain)
                .orElseThrow(() -> new DkimConfigurationException("invalid signing domain '" + domain + "'"));
        if (selector == null || selector.endsWith(".")) {
            throw new DkimConfigurationException("invalid selector '" + selector + "'");
        }
        String s = DomainNames.normalize(selector)
                .orElseThrow(() -> new DkimConfigurationException("invalid selector '" + selector + "'"));
        return new DkimSigningKey(d, s, privateKey);
    }

    /** @return the signing domain ({@code d=}) */
    public String domain() {
        return domain;
    }

    /** @return the selector ({@code s=}) */
    public String selector() {
        return selector;
    }

    /** @return the private key */
    public DkimPrivateKey privateKey() {
        return privateKey;
    }

    /** @return the algorithm of the key */
    public DkimAlgorithm algorithm() {
        return privateKey.algorithm();
    }

    /** @return the DNS name of the key record, {@code selector._domainkey.domain} */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    @Override
    public String toString() {
        return "DkimSigningKey[d=" + domain + ", s=" + selector + ", " + privateKey + "]";
    }
}
