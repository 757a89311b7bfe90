package io.sendguard.core.notice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Times in notices and pages, in the configured zone ({@code notice.timeZone}), to the minute, with the zone's
 * short name: {@code 2026-12-08 09:15 (JST)}. Thread-safe (immutable).
 */
public final class NoticeTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '('z')'", Locale.ROOT);

    private final ZoneId zone;

    public NoticeTime(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant in words, or {@code -} when there is none. */
    public String format(Instant instant) {
        return instant == null ? "-" : FORMAT.format(instant.atZone(zone));
    }

    /**
     * A zone as {@code notice.timeZone} names it: any Java zone id ({@code Asia/Tokyo}, {@code UTC},
     * {@code +09:00}); blank means the system zone.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static ZoneId parseZone(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + value.trim() + "' is not a time zone (expected a zone id such as"
                + " Asia/Tokyo, UTC or +09:00)");
        }
    }
}
