package io.sendguard.hold.service;

import java.time.Duration;
import java.util.Locale;

/** Parses the durations admins write in configuration: {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}, {@code 0}. */
public final class Durations {
    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the value when it is not a number followed by s, m, h or d
     */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        if (v.length() < 2) {
            throw new IllegalArgumentException("invalid duration '" + value + "': expected e.g. 30s, 5m, 2h or 3d");
        }
        long amount;
        try {
            amount = Long.parseLong(v.substring(0, v.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration '" + value + "': expected e.g. 30s, 5m, 2h or 3d");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("invalid duration '" + value + "': must not be negative");
        }
        switch (v.charAt(v.length() - 1)) {
            case 's': return Duration.ofSeconds(amount);
            case 'm': return Duration.ofMinutes(amount);
            case 'h': return Duration.ofHours(amount);
            case 'd': return Duration.ofDays(amount);
            default:
                throw new IllegalArgumentException("invalid duration '" + value + "': expected e.g. 30s, 5m, 2h or 3d");
        }
    }
}
