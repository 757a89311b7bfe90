package io.sendguard.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the records of the trail are chained, and how the files beside them ({@code anchor.json}, {@code head.json})
 * are sealed. Keyed (version 2): each record's {@code hash} is HMAC-SHA256 over the previous hash and the record,
 * under a key derived from {@code audit.hashKey} as HMAC(hashKey, {@value #LABEL}); the files never hold the key,
 * so whoever can write them cannot recompute a changed record, a truncated trail's anchor or its checkpoint.
 * Such records carry {@code "chain":"hmac-sha256"}. Plain (version 1, trails written before, or no hash key):
 * SHA-256 over the same input, with no {@code chain} field; accepted only before the first keyed record.
 */
public final class AuditChain {
    /** The field that marks a keyed record, and its value. */
    public static final String FIELD = "chain";
    public static final String KEYED = "hmac-sha256";
    static final String LABEL = "sendguard audit chain v1";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    /** One keyed Mac per thread; null when unkeyed. */
    private final ThreadLocal<Mac> mac;

    private AuditChain(ThreadLocal<Mac> mac) {
        this.mac = mac;
    }

    /** Plain SHA-256 records (no {@code audit.hashKey}): changes are detected only by who kept the last hash. */
    public static AuditChain unkeyed() {
        return new AuditChain(null);
    }

    /** Keyed records under HMAC(hashKey, {@value #LABEL}). */
    public static AuditChain keyed(byte[] hashKey) {
        byte[] chainKey = hmac(newMac(hashKey), LABEL.getBytes(StandardCharsets.UTF_8));
        return new AuditChain(ThreadLocal.withInitial(() -> newMac(chainKey)));
    }

    public boolean isKeyed() {
        return mac != null;
    }

    /** The hash of a record: keyed when the record is marked keyed, plain SHA-256 otherwise. */
    String recordHash(boolean keyedRecord, String prevHash, String body) {
        String input = prevHash + body;
        if (!keyedRecord) {
            return hex(SHA256.get().digest(input.getBytes(StandardCharsets.UTF_8)));
        }
        if (mac == null) {
            throw new IllegalStateException("a keyed record needs audit.hashKey");
        }
        return hex(hmac(mac.get(), input.getBytes(StandardCharsets.UTF_8)));
    }

    /** The seal of a side file's content ({@code anchor.json}, {@code head.json}); keyed only. */
    String seal(String kind, String content) {
        if (mac == null) {
            throw new IllegalStateException("a seal needs audit.hashKey");
        }
        return hex(hmac(mac.get(), (kind + "\n" + content).getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares in constant time. */
    static boolean same(String a, String b) {
        return a != null && b != null
            && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        return hex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] hmac(Mac mac, byte[] input) {
        return mac.doFinal(input);
    }

    private static String hex(byte[] digest) {
        StringBuilder hex = new StringBuilder(digest.length * 2);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
