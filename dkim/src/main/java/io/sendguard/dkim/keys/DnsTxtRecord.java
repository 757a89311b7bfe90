package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimSigningKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The DNS TXT record publishing a DKIM public key (RFC 6376 3.6.1, RFC 8463):
 * {@code selector._domainkey.domain. IN TXT "v=DKIM1; k=rsa; p=..."}. Immutable.
 */
public final class DnsTxtRecord {
    /** Maximum length of one character-string in a TXT record. */
    public static final int MAX_STRING_LENGTH = 255;

    private final String name;
    private final String value;

    private DnsTxtRecord(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * @param key a signing key
     * @return the record for its public key: {@code v=DKIM1; k=rsa|ed25519; p=<base64>}
     */
    public static DnsTxtRecord forKey(DkimSigningKey key) {
        Objects.requireNonNull(key, "key");
        String value = "v=DKIM1; k=" + key.algorithm().keyType() + "; p=" + key.privateKey().publicKeyBase64();
        return new DnsTxtRecord(key.dnsName() + ".", value);
    }

    /** @return the fully qualified owner name, with trailing dot */
    public String name() {
        return name;
    }

    /** @return the record value as one string (what a resolver returns after joining the strings) */
    public String value() {
        return value;
    }

    /** @return the value split into character-strings of at most 255 characters */
    public List<String> strings() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.length(); i += MAX_STRING_LENGTH) {
            out.add(value.substring(i, Math.min(value.length(), i + MAX_STRING_LENGTH)));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return a zone file line: {@code name IN TXT "part1" "part2"} */
    public String toZoneFileLine() {
        StringBuilder sb = new StringBuilder(name).append(" IN TXT");
        for (String s : strings()) {
            sb.append(" \"").append(s).append('"');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnsTxtRecord && ((DnsTxtRecord) o).name.equals(name) && ((DnsTxtRecord) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return toZoneFileLine();
    }
}
