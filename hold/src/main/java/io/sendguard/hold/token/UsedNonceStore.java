package io.sendguard.hold.token;

import java.time.Instant;

/**
 * Durable set of redeemed token nonces. Entries may be forgotten after their expiry, since an expired
 * token is rejected anyway. Implementations must be thread safe.
 */
public interface UsedNonceStore {
    /**
     * Atomically records a nonce as used.
     *
     * @param nonce     the token nonce
     * @param expiresAt the token expiry (after which the entry may be dropped)
     * @return true when this call recorded it, false when it was already used
     */
    boolean markUsed(String nonce, Instant expiresAt);

    /** @return true when the nonce was already recorded */
    boolean isUsed(String nonce);
}
