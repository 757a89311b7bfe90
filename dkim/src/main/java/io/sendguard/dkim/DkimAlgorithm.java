package io.sendguard.dkim;

import java.util.Locale;
import java.util.Optional;

/**
 * The DKIM signing algorithms supported: {@code rsa-sha256} (RFC 6376) and {@code ed25519-sha256}
 * (RFC 8463).
 */
public enum DkimAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** PureEdDSA Ed25519 over the SHA-256 hash of the header data (RFC 8463). */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tagValue;
    private final String keyType;

    DkimAlgorithm(String tagValue, String keyType) {
        this.tagValue = tagValue;
        this.keyType = keyType;
    }

    /** @return the value of the {@code a=} tag, e.g. {@code rsa-sha256} */
    public String tagValue() {
        return tagValue;
    }

    /** @return the key type used in the DNS record {@code k=} tag and the key table, e.g. {@code rsa} */
    public String keyType() {
        return keyType;
    }

    /**
     * Parses an algorithm name as written in a key table or on the command line: the key type
     * ({@code rsa}, {@code ed25519}) or the full {@code a=} value ({@code rsa-sha256},
     * {@code ed25519-sha256}), case-insensitive.
     *
     * @param name the name
     * @return the algorithm, or empty when unknown
     */
    public static Optional<DkimAlgorithm> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm a : values()) {
            if (a.tagValue.equals(n) || a.keyType.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
