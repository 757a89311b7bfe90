package io.sendguard.hold.token;

import io.sendguard.hold.HeldMailId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks HMAC-SHA256 signed, expiring, single-use tokens for action links (cancel, send
 * now, cancel one recipient, approve, reject).
 *
 * <p>Format: {@code base64url(payload) + "." + base64url(HMAC-SHA256(secret, base64url(payload)))},
 * both without padding; the payload is the UTF-8 text {@code v1\n<id>\n<ACTION>\n<recipient>\n
 * <expiryEpochMillis>\n<nonce>}. Tokens are URL-safe as they are.
 *
 * <p>{@link #verify} only checks (use it to render a confirmation page: link scanners of mail
 * gateways prefetch GET URLs, so a GET must never consume a token); {@link #redeem} checks and
 * consumes it atomically (use it on the POST that performs the action). The check order is signature
 * (TAMPERED), expiry (EXPIRED), then single use (ALREADY_USED); signatures are compared in constant
 * time.
 */
public final class ActionTokens {
    /** Minimum secret length in bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final UsedNonceStore usedNonces;

    /**
     * @param secret     HMAC key, at least {@value #MIN_SECRET_BYTES} bytes (copied)
     * @param clock      time source for issuing and expiry
     * @param usedNonces durable record of redeemed tokens
     * @throws IllegalArgumentException when the secret is too short
     */
    public ActionTokens(byte[] secret, Clock clock, UsedNonceStore usedNonces) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("Sendguard action token secret is too short: " + secret.length
                    + " bytes, at least " + MIN_SECRET_BYTES + " bytes (256 bits) are required. Generate one with "
                    + "'openssl rand -base64 48' and configure it as base64:<value>");
        }
        byte[] copy = Arrays.copyOf(secret, secret.length);
        this.key = new SecretKeySpec(copy, HMAC);
        Arrays.fill(copy, (byte) 0);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.usedNonces = Objects.requireNonNull(usedNonces, "usedNonces");
    }

    /**
     * Issues a token.
     *
     * @param id        held mail
     * @param action    action
     * @param recipient address, required for {@link TokenAction#CANCEL_RECIPIENT}, otherwise must be null
     * @param ttl       validity from now, positive
     * @return the token string (URL-safe)
     */
    public String issue(HeldMailId id, TokenAction action, String recipient, Duration ttl) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (action.requiresRecipient() && recipient == null) {
            throw new IllegalArgumentException(action + " requires a recipient");
        }
        if (!action.acceptsAddress() && recipient != null) {
            throw new IllegalArgumentException(action + " takes no recipient");
        }
        if (recipient != null && (recipient.isEmpty() || recipient.indexOf('\n') >= 0 || recipient.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("Invalid recipient");
        }
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = ENC.encodeToString(nonceBytes);
        long expiry = clock.instant().plus(ttl).toEpochMilli();
        String payload = VERSION + '\n' + id.asString() + '\n' + action.name() + '\n'
                + (recipient == null ? "" : recipient) + '\n' + expiry + '\n' + nonce;
        String encoded = ENC.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + '.' + ENC.encodeToString(mac(encoded));
    }

    /**
     * Checks a token without consuming it.
     *
     * @param token token string (may be null or garbage)
     * @return the verification
     */
    public TokenVerification verify(String token) {
        ActionToken parsed = authenticate(token);
        if (parsed == null) {
            return TokenVerification.tampered();
        }
        if (!clock.instant().isBefore(parsed.expiresAt())) {
            return TokenVerification.of(TokenVerification.Status.EXPIRED, parsed);
        }
        if (usedNonces.isUsed(parsed.nonce())) {
            return TokenVerification.of(TokenVerification.Status.ALREADY_USED, parsed);
        }
        return TokenVerification.of(TokenVerification.Status.OK, parsed);
    }

    /**
     * Checks a token and, when valid, durably marks it used: of concurrent redemptions of one token
     * exactly one gets OK.
     *
     * @param token token string
     * @return the verification
     */
    public TokenVerification redeem(String token) {
        TokenVerification v = verify(token);
        if (!v.isOk()) {
            return v;
        }
        ActionToken t = v.token().get();
        if (!usedNonces.markUsed(t.nonce(), t.expiresAt())) {
            return TokenVerification.of(TokenVerification.Status.ALREADY_USED, t);
        }
        return v;
    }

    /** @return the parsed payload when the signature is valid, otherwise null */
    private ActionToken authenticate(String token) {
        if (token == null || token.length() > 4096) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return null;
        }
        String encodedPayload = token.substring(0, dot);
        String encodedMac = token.substring(dot + 1);
        byte[] givenMac;
        byte[] payloadBytes;
        try {
            givenMac = DEC.decode(encodedMac);
            payloadBytes = DEC.decode(encodedPayload);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // the decoder ignores unused trailing bits: insist on the canonical encoding so no character can
        // change without invalidating the token
        boolean canonical = ENC.encodeToString(givenMac).equals(encodedMac)
                & ENC.encodeToString(payloadBytes).equals(encodedPayload);
        boolean macOk = MessageDigest.isEqual(mac(encodedPayload), givenMac);
        if (!(canonical & macOk)) {
            return null;
        }
        String[] f = new String(payloadBytes, StandardCharsets.UTF_8).split("\n", -1);
        if (f.length != 6 || !VERSION.equals(f[0])) {
            return null;
        }
        try {
            TokenAction action = TokenAction.valueOf(f[2]);
            String recipient = f[3].isEmpty() ? null : f[3];
            if (action.requiresRecipient() && recipient == null || !action.acceptsAddress() && recipient != null) {
                return null;
            }
            return new ActionToken(HeldMailId.of(f[1]), action, recipient,
                    Instant.ofEpochMilli(Long.parseLong(f[4])), f[5]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
