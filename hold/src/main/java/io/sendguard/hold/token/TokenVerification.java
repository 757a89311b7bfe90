package io.sendguard.hold.token;

import java.util.Objects;
import java.util.Optional;

/**
 * Result of checking an action token (immutable).
 */
public final class TokenVerification {
    /** Verification outcome. */
    public enum Status {
        /** Authentic, not expired, not used before. */
        OK,
        /** Malformed or the signature does not match: never trust anything in it. */
        TAMPERED,
        /** Authentic but past its expiry. */
        EXPIRED,
        /** Authentic but already redeemed once. */
        ALREADY_USED
    }

    private final Status status;
    private final ActionToken token;

    private TokenVerification(Status status, ActionToken token) {
        this.status = Objects.requireNonNull(status);
        this.token = token;
    }

    static TokenVerification tampered() {
        return new TokenVerification(Status.TAMPERED, null);
    }

    static TokenVerification of(Status status, ActionToken token) {
        return new TokenVerification(status, Objects.requireNonNull(token));
    }

    public Status status() {
        return status;
    }

    /** @return true for {@link Status#OK} */
    public boolean isOk() {
        return status == Status.OK;
    }

    /** @return the authenticated content; empty when TAMPERED */
    public Optional<ActionToken> token() {
        return Optional.ofNullable(token);
    }

    @Override
    public String toString() {
        return "TokenVerification{" + status + (token == null ? "" : ", " + token) + "}";
    }
}
