package io.sendguard.hold;

/**
 * How a held mail leaves the hold.
 */
public enum HoldMode {
    /** Released automatically when its due time has passed, unless cancelled before. */
    TIMED,
    /** Released only after an approver approved it; has no due time until approved. */
    APPROVAL
}
