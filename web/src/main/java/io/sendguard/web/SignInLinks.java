package io.sendguard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in links of notices ("自分の保留メールを見る"): {@code <baseUrl>/signin/link/<token>}, a token that names
 * one sender and an expiry, signed with HMAC-SHA256 under a key derived from {@code links.secret} for this purpose
 * only (a hold action token is never a sign-in token, nor the other way round). Valid for that sender only, until it
 * expires; opening it signs that sender in after a confirmation (a GET never signs anybody in).
 */
public final class SignInLinks {
    public static final String PATH = "/signin/link/";
    private static final String VERSION = "s1";

    private final byte[] key;
    private final Clock clock;
    private final Duration ttl;
    private final String baseUrl;

    public SignInLinks(byte[] linkSecret, Duration ttl, String baseUrl, Clock clock) {
        this.key = hmac(linkSecret, "sendguard sign-in links v1".getBytes(StandardCharsets.UTF_8));
        this.ttl = ttl;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** The sign-in links of the hold settings' {@code links.secret}, to the web listener's base URL. */
    public static SignInLinks of(io.sendguard.hold.service.HoldSettings hold, WebSettings web, Clock clock) {
        return new SignInLinks(hold.linkSecret(), web.signInLinkTtl(), web.baseUrl(), clock);
    }

    /** A link that signs {@code address} in. */
    public String link(String address) {
        return baseUrl + PATH + token(address);
    }

    String token(String address) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = VERSION + "|" + address.toLowerCase(Locale.ROOT) + "|" + expires;
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(body) + "." + b64.encodeToString(hmac(key, body));
    }

    /** The address the token signs in; empty when forged, malformed or expired. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        byte[] body;
        byte[] mac;
        try {
            body = Base64.getUrlDecoder().decode(token.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac, hmac(key, body))) {
            return Optional.empty();
        }
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[2])))) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
