package io.sendguard.hold;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle state of a held mail.
 *
 * <pre>
 *   HELD ──claimDue / send now──▶ RELEASING ──markReleased (at the outgoing queue)──▶ RELEASED
 *    │  └─approve─▶ APPROVED ──claimDue──▶ RELEASING
 *    ├─cancel───▶ CANCELLED        (APPROVED may still be cancelled)
 *    ├─reject───▶ REJECTED
 *    └─expire───▶ EXPIRED
 *   RELEASING ──recovery after a crash──▶ HELD (TIMED) / APPROVED (APPROVAL)
 * </pre>
 */
public enum HoldState {
    HELD,
    RELEASING,
    RELEASED,
    CANCELLED,
    APPROVED,
    REJECTED,
    EXPIRED;

    /** @return true when no further transition is possible. */
    public boolean isTerminal() {
        return this == RELEASED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }

    /** @return true when {@code claimDue} may pick a mail in this state once its due time passed. */
    public boolean isClaimable() {
        return this == HELD || this == APPROVED;
    }

    /**
     * Transitions callers may request through {@link HoldStore#transition}. Recovery
     * (RELEASING back to HELD/APPROVED) is internal to the store and not listed here.
     *
     * @param target the requested new state
     * @return true when {@code this -> target} is a legal edge
     */
    public boolean canTransitionTo(HoldState target) {
        return allowedTargets().contains(target);
    }

    private Set<HoldState> allowedTargets() {
        switch (this) {
            case HELD:
                return EnumSet.of(RELEASING, CANCELLED, APPROVED, REJECTED, EXPIRED);
            case APPROVED:
                return EnumSet.of(RELEASING, CANCELLED);
            case RELEASING:
                // EXPIRED: an approval deadline passed without approval (claimed at its deadline)
                return EnumSet.of(RELEASED, EXPIRED);
            default:
                return EnumSet.noneOf(HoldState.class);
        }
    }
}
