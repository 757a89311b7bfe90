package io.sendguard.hold.token;

import io.sendguard.hold.HeldMailId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed content of an action token (immutable).
 */
public final class ActionToken {
    private final HeldMailId heldMailId;
    private final TokenAction action;
    private final String recipient;
    private final Instant expiresAt;
    private final String nonce;

    ActionToken(HeldMailId heldMailId, TokenAction action, String recipient, Instant expiresAt, String nonce) {
        this.heldMailId = Objects.requireNonNull(heldMailId);
        this.action = Objects.requireNonNull(action);
        this.recipient = recipient;
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.nonce = Objects.requireNonNull(nonce);
    }

    public HeldMailId heldMailId() {
        return heldMailId;
    }

    public TokenAction action() {
        return action;
    }

    /** @return the recipient for {@link TokenAction#CANCEL_RECIPIENT}, empty otherwise */
    public Optional<String> recipient() {
        return Optional.ofNullable(recipient);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return random per-token value used for single-use bookkeeping */
    public String nonce() {
        return nonce;
    }

    @Override
    public String toString() {
        return "ActionToken{" + action + " " + heldMailId + (recipient == null ? "" : " " + recipient)
                + " until " + expiresAt + "}";
    }
}
