package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimSigningKey;

import java.nio.file.Path;

/** Result of {@link DkimKeyGenerator#generate}: the key, where it was written, and what to publish. */
public final class GeneratedKey {
    private final DkimSigningKey signingKey;
    private final Path keyFile;
    private final String keyTableLine;
    private final DnsTxtRecord dnsRecord;

    GeneratedKey(DkimSigningKey signingKey, Path keyFile, String keyTableLine, DnsTxtRecord dnsRecord) {
        this.signingKey = signingKey;
        this.keyFile = keyFile;
        this.keyTableLine = keyTableLine;
        this.dnsRecord = dnsRecord;
    }

    /** @return the generated key with its domain and selector */
    public DkimSigningKey signingKey() {
        return signingKey;
    }

    /** @return the private key file written */
    public Path keyFile() {
        return keyFile;
    }

    /** @return the key table line, key file relative to the output directory (the table's base directory) */
    public String keyTableLine() {
        return keyTableLine;
    }

    /** @return the DNS TXT record to publish */
    public DnsTxtRecord dnsRecord() {
        return dnsRecord;
    }

    @Override
    public String toString() {
        return "GeneratedKey[" + keyTableLine + "]";
    }
}
