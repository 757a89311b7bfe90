package io.sendguard.core.notice;

import java.util.List;
import java.util.Locale;

/**
 * The language of a notice: {@code ja}, {@code en}, or {@code both} (Japanese first, then English, in one notice,
 * the two parts divided by {@link #SEPARATOR}; the subject carries both prefixes, {@code [送信保留][Held] }).
 */
public enum NoticeLanguage {
    JA, EN, BOTH;

    /** The line between the Japanese and the English part of a notice in both languages. */
    public static final String SEPARATOR = "----------------------------------------\n\n";

    /**
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static NoticeLanguage parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "ja": return JA;
            case "en": return EN;
            case "both": return BOTH;
            default: throw new IllegalArgumentException("'" + value + "': expected ja, en or both");
        }
    }

    /** The languages of the parts of a notice, in order: {@code ["ja"]}, {@code ["en"]} or {@code ["ja", "en"]}. */
    public List<String> parts() {
        switch (this) {
            case JA: return List.of("ja");
            case EN: return List.of("en");
            default: return List.of("ja", "en");
        }
    }

    /** {@code ja}, {@code en} or {@code both}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The subject prefix of a notice in this language, from the prefixes of each language: {@code [送信保留] },
     * {@code [Held] } or {@code [送信保留][Held] } (a blank prefix is left out).
     */
    public String subjectPrefix(String japanese, String english) {
        switch (this) {
            case JA: return japanese;
            case EN: return english;
            default:
                if (japanese.isBlank()) {
                    return english;
                }
                return english.isBlank() ? japanese : japanese.stripTrailing() + english;
        }
    }
}
