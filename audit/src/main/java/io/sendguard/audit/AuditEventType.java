package io.sendguard.audit;

import java.util.Locale;
import java.util.Optional;

/** What happened to a mail. Written in the trail by {@link #name()}; parsed also as {@code handed-to-delivery}. */
public enum AuditEventType {
    /** Inspection ran; the event lists the findings (masked: rule, category, severity, location). */
    INSPECTED,
    /** Not sent: quarantined because of what inspection found. */
    BLOCKED,
    /** Held (送信保留 or waiting for approval). */
    HELD,
    /** Released from the hold: by time, or sent now by the sender / an admin, or approved (detail {@code by}). */
    RELEASED,
    /** Cancelled whole, or for one recipient (detail {@code scope}). */
    CANCELLED,
    APPROVED,
    /** Rejected by an approver (the comment says why) or at the approval deadline. */
    REJECTED,
    /** The approval deadline passed. */
    EXPIRED,
    CONVERTED_TO_BCC,
    SPLIT,
    SUPPRESSED,
    /** DKIM-signed (details {@code domain}, {@code selector}, {@code algorithm}). */
    SIGNED,
    /** Given to RemoteDelivery: what leaves the server. */
    HANDED_TO_DELIVERY;

    /** Parses {@code HELD}, {@code held} or {@code handed-to-delivery}. */
    public static Optional<AuditEventType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AuditEventType type : values()) {
            if (type.name().equals(normalized)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** {@code handed-to-delivery}: the spelling of mailet parameters. */
    public String parameterName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
