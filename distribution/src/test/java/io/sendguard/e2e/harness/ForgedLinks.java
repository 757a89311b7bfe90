package io.sendguard.e2e.harness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Action links minted from outside, as an attacker who knows a secret and the (public) token format would: the
 * test of a forgery. A link minted with the server's real secret for a real approver must work, which shows the
 * format here is right, so that a refusal of another forged link means the server refused it.
 */
public final class ForgedLinks {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();

    private ForgedLinks() {
    }

    /** {@code base64:...} or plain text, as in the conf files and the generated key files. */
    public static byte[] secret(String value) {
        String v = value.trim();
        return v.startsWith("base64:") ? Base64.getMimeDecoder().decode(v.substring("base64:".length()))
            : v.getBytes(StandardCharsets.UTF_8);
    }

    /** A link to the action pages at {@code baseUrl} for the held mail {@code heldMailId}, valid for an hour. */
    public static String mint(byte[] secret, String baseUrl, String heldMailId, String action, String address) {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        long expiry = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
        String payload = "v1\n" + heldMailId + "\n" + action + "\n" + (address == null ? "" : address) + "\n" + expiry
            + "\n" + ENC.encodeToString(nonce);
        String encoded = ENC.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return baseUrl + "/actions/" + encoded + "."
                + ENC.encodeToString(mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
