package io.sendguard.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601, UTC, seconds always, the
 * fraction in groups of three digits and only as long as needed), without going through
 * {@code DateTimeFormatter}, which costs more than the rest of an audit record. Years outside 0000-9999
 * are left to {@code Instant.toString()}.
 */
final class IsoInstant {
    private static final long MIN_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

    private IsoInstant() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return instant.toString();
        }
        int nano = instant.getNano();
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, nano, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(30);
        digits(out, t.getYear(), 4).append('-');
        digits(out, t.getMonthValue(), 2).append('-');
        digits(out, t.getDayOfMonth(), 2).append('T');
        digits(out, t.getHour(), 2).append(':');
        digits(out, t.getMinute(), 2).append(':');
        digits(out, t.getSecond(), 2);
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(out, nano / 1000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(s);
    }
}
