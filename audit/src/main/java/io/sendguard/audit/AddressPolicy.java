package io.sendguard.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How addresses are written into the audit trail: in {@link #full() full}, or {@link #hashed(byte[])
 * hashed} with a keyed HMAC-SHA256 ({@code h:} and 32 hex digits) so that equal addresses (compared
 * without case) hash equally and can be searched for, without being readable by whoever reads the files.
 */
public final class AddressPolicy {
    /** Prefix of a hashed address. */
    public static final String HASH_PREFIX = "h:";
    /** The shortest HMAC key accepted. */
    public static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    /** One keyed Mac per thread (a Mac is not thread-safe; Mac.getInstance and init cost more than the hash). */
    private final ThreadLocal<Mac> mac;
    private static final int RECENT_ADDRESSES = 4096;
    private final java.util.Map<String, String> recent = new java.util.concurrent.ConcurrentHashMap<>();

    private AddressPolicy(byte[] key) {
        this.key = key;
        this.mac = key == null ? null : ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    public static AddressPolicy full() {
        return new AddressPolicy(null);
    }

    public static AddressPolicy hashed(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the hash key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        return new AddressPolicy(key.clone());
    }

    public boolean isHashed() {
        return key != null;
    }

    /** The address as the trail keeps it. */
    public String apply(String address) {
        if (address == null || key == null) {
            return address;
        }
        // a mail's addresses are hashed again for each of its events: keep the addresses seen lately
        String cached = recent.get(address);
        if (cached != null) {
            return cached;
        }
        String hashed = hash(address);
        if (recent.size() >= RECENT_ADDRESSES) {
            recent.clear();
        }
        recent.put(address, hashed);
        return hashed;
    }

    private String hash(String address) {
        byte[] digest = mac.get().doFinal(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(HASH_PREFIX);
        for (int i = 0; i < 16; i++) {
            out.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
        }
        return out.toString();
    }

    /** Whether a stored value is the given address under this policy. */
    public boolean matches(String stored, String address) {
        if (stored == null || address == null) {
            return false;
        }
        return key == null ? stored.trim().equalsIgnoreCase(address.trim()) : stored.equals(apply(address));
    }
}
