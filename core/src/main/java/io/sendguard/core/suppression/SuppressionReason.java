package io.sendguard.core.suppression;

import java.util.Locale;

/** Why mail must not go to an address or domain. */
public enum SuppressionReason {
    /** The recipient unsubscribed (退会者 / 配信停止). */
    UNSUBSCRIBED,
    /** Mail to the address bounced hard. */
    BOUNCED,
    /** An admin listed it. */
    MANUAL,
    /** Listed in the suppression file of the configuration. */
    LISTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code unsubscribed}, {@code bounced} or {@code manual} (what an admin may give). */
    public static SuppressionReason parseAdminReason(String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "unsubscribed": return UNSUBSCRIBED;
                case "bounced": return BOUNCED;
                case "manual": return MANUAL;
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown reason '" + value + "', expected unsubscribed, bounced or manual");
    }
}
