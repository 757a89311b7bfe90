package io.sendguard.dkim;

import io.sendguard.dkim.canon.BodyCanonicalizer;
import io.sendguard.dkim.canon.HeaderCanonicalizer;
import io.sendguard.dkim.message.HeaderField;
import io.sendguard.dkim.message.RawMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Computes {@code DKIM-Signature} header fields (RFC 6376, RFC 8463) for raw RFC 5322 messages.
 *
 * <p>Thread-safe and immutable. The input is the final form of the message as it will be sent
 * (CRLF line endings, 7-bit or 8-bit as transmitted). The result is a complete header field,
 * {@code "DKIM-Signature: ...\r\n"}, folded, to be prepended to the message unchanged.</p>
 *
 * <p>To sign with several keys (e.g. RSA and Ed25519), use {@link #signAll(byte[], List)}: every
 * signature is computed over the original message, so no signature covers another.</p>
 */
public final class DkimSigner {
    private final SignatureOptions options;
    private final Clock clock;

    /**
     * @param options signing options
     * @param clock   source of the {@code t=} timestamp
     */
    public DkimSigner(SignatureOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return a signer with {@link SignatureOptions#defaults()} and the system UTC clock */
    public static DkimSigner withDefaults() {
        return new DkimSigner(SignatureOptions.defaults(), Clock.systemUTC());
    }

    /** @return the options of this signer */
    public SignatureOptions options() {
        return options;
    }

    /**
     * Signs a message with one key.
     *
     * @param message the message bytes (not modified)
     * @param key     the signing key
     * @return the complete header field {@code "DKIM-Signature: ...\r\n"}
     * @throws DkimSigningException when the message cannot be parsed, has no From field, the identity
     *                              does not belong to the signing domain, or signing fails
     */
    public String sign(byte[] message, DkimSigningKey key) throws DkimSigningException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(key, "key");
        return sign(RawMessage.parse(message), key, clock.instant().getEpochSecond());
    }

    /**
     * Signs a message read fully from a stream (the stream is not closed).
     *
     * @param message the message
     * @param key     the signing key
     * @return the complete header field
     * @throws IOException          when reading fails
     * @throws DkimSigningException as {@link #sign(byte[], DkimSigningKey)}
     */
    public String sign(InputStream message, DkimSigningKey key) throws IOException, DkimSigningException {
        return sign(message.readAllBytes(), key);
    }

    /**
     * Signs a message with several keys, each signature over the original message, all with the same {@code t=}.
     *
     * @param message the message bytes
     * @param keys    the keys, in the order the header fields are returned
     * @return one header field per key, to be prepended (in any order)
     * @throws DkimSigningException as {@link #sign(byte[], DkimSigningKey)}
     */
    public List<String> signAll(byte[] message, List<DkimSigningKey> keys) throws DkimSigningException {
        List<Signed> signed = signAllDetailed(message, keys);
        List<String> out = new ArrayList<>(signed.size());
        for (Signed s : signed) {
            out.add(s.headerField());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * As {@link #signAll}, and also returns, for each signature, the data that was signed and the signature
     * value, so that the computation can be checked again without parsing and hashing the message again.
     * The body is canonicalized and hashed once for all keys.
     */
    public List<Signed> signAllDetailed(byte[] message, List<DkimSigningKey> keys) throws DkimSigningException {
        Objects.requireNonNull(keys, "keys");
        RawMessage parsed = RawMessage.parse(message);
        checkSignable(parsed);
        long now = clock.instant().getEpochSecond();
        BodyHash body = keys.isEmpty() ? null : bodyHash(parsed);
        List<Signed> out = new ArrayList<>(keys.size());
        for (DkimSigningKey key : keys) {
            out.add(sign(parsed, key, now, body));
        }
        return Collections.unmodifiableList(out);
    }

    /** One signature: the header field to prepend, the key, the signed data (canonicalized headers) and b=. */
    public static final class Signed {
        private final DkimSigningKey key;
        private final String headerField;
        private final byte[] signedData;
        private final byte[] value;

        public Signed(DkimSigningKey key, String headerField, byte[] signedData, byte[] value) {
            this(key, headerField, signedData.clone(), value.clone(), true);
        }

        /** Takes the arrays as they are: for the signer's own, freshly made ones. */
        private Signed(DkimSigningKey key, String headerField, byte[] signedData, byte[] value, boolean owned) {
            this.key = Objects.requireNonNull(key, "key");
            this.headerField = Objects.requireNonNull(headerField, "headerField");
            this.signedData = signedData;
            this.value = value;
        }

        public DkimSigningKey key() {
            return key;
        }

        /** {@code "DKIM-Signature: ...\r\n"} */
        public String headerField() {
            return headerField;
        }

        /** The canonicalized header data the signature is computed over (a copy). */
        public byte[] signedData() {
            return signedData.clone();
        }

        /** The signature value, the b= tag decoded (a copy). */
        public byte[] value() {
            return value.clone();
        }

        /**
         * Whether the signature computation needs checking again: not when the key's signer already checked
         * its own result ({@link DkimPrivateKey#signingChecksItself}, RSA in the JDK).
         */
        public boolean needsComputationCheck() {
            return !key.privateKey().signingChecksItself();
        }

        /** Whether the signature value is the key's signature of the signed data (RSA: verified; Ed25519: re-signed). */
        public boolean computationChecks() {
            return key.privateKey().verify(signedData, value);
        }

        @Override
        public String toString() {
            return "d=" + key.domain() + " s=" + key.selector() + " a=" + key.algorithm().tagValue();
        }
    }

    /**
     * Signs with several keys and returns the signed message: the signature header fields followed
     * by the original bytes.
     *
     * @param message the message bytes
     * @param keys    the keys
     * @return the signed message
     * @throws DkimSigningException as {@link #sign(byte[], DkimSigningKey)}
     */
    public byte[] signMessage(byte[] message, List<DkimSigningKey> keys) throws DkimSigningException {
        List<String> headers = signAll(message, keys);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
        for (String header : headers) {
            out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(message);
        return out.toByteArray();
    }

    private String sign(RawMessage message, DkimSigningKey key, long timestamp) throws DkimSigningException {
        checkSignable(message);
        return sign(message, key, timestamp, bodyHash(message)).headerField();
    }

    private void checkSignable(RawMessage message) throws DkimSigningException {
        boolean hasFrom = false;
        for (HeaderField field : message.headers()) {
            hasFrom |= field.lowerCaseName().equals("from");
        }
        if (!hasFrom) {
            throw new DkimSigningException("message has no From header field; it cannot be DKIM-signed");
        }
    }

    private static final class BodyHash {
        final String base64;
        final long length;

        BodyHash(String base64, long length) {
            this.base64 = base64;
            this.length = length;
        }
    }

    private BodyHash bodyHash(RawMessage message) throws DkimSigningException {
        MessageDigest bodyDigest = sha256();
        long bodyLength;
        try (OutputStream digestOut = new DigestOutputStream(OutputStream.nullOutputStream(), bodyDigest)) {
            bodyLength = BodyCanonicalizer.canonicalize(options.bodyCanonicalization(), message.buffer(),
                    message.bodyOffset(), message.bodyLength(), digestOut);
        } catch (IOException e) {
            throw new DkimSigningException("body hashing failed", e);
        }
        return new BodyHash(Base64.getEncoder().encodeToString(bodyDigest.digest()), bodyLength);
    }

    private Signed sign(RawMessage message, DkimSigningKey key, long timestamp, BodyHash body)
            throws DkimSigningException {
        if (options.identity().isPresent()) {
            String identityDomain = options.identityDomain().orElse("");
            if (!DomainNames.isSameOrSubdomain(identityDomain, key.domain())) {
                throw new DkimSigningException("identity domain " + identityDomain
                        + " is not the signing domain " + key.domain() + " or a subdomain of it");
            }
        }

        HeaderSelection.Selected selected = options.headerSelection().select(message.headers());
        SignatureHeaderWriter writer = new SignatureHeaderWriter()
                .tag("v", "1")
                .tag("a", key.algorithm().tagValue())
                .tag("c", options.headerCanonicalization().tagValue() + "/" + options.bodyCanonicalization().tagValue())
                .tag("d", key.domain());
        if (options.identity().isPresent()) {
            writer.tag("i", options.identity().get());
        }
        if (options.queryMethodTag()) {
            writer.tag("q", "dns/txt");
        }
        writer.tag("s", key.selector()).tag("t", Long.toString(timestamp));
        if (options.expiry().isPresent()) {
            writer.tag("x", Long.toString(timestamp + options.expiry().get().getSeconds()));
        }
        if (options.bodyLengthTag()) {
            writer.tag("l", Long.toString(body.length));
        }
        writer.headerList(selected.names(), options.headerListStyle()).tag("bh", body.base64);
        String unsigned = writer.unsignedHeader();

        StringBuilder headerData = new StringBuilder();
        for (HeaderField field : selected.fields()) {
            headerData.append(HeaderCanonicalizer.canonicalize(options.headerCanonicalization(), field)).append("\r\n");
        }
        headerData.append(HeaderCanonicalizer.canonicalize(options.headerCanonicalization(), unsigned));
        byte[] data = headerData.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] signature = key.privateKey().sign(data);
        return new Signed(key, writer.complete(Base64.getEncoder().encodeToString(signature)), data, signature, true);
    }

    /** One SHA-256 per thread for body hashes (MessageDigest.getInstance looks the provider up on every call). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    });

    private static MessageDigest sha256() throws DkimSigningException {
        MessageDigest digest = SHA256.get();
        if (digest == null) {
            throw new DkimSigningException("SHA-256 unavailable");
        }
        digest.reset();
        return digest;
    }
}
