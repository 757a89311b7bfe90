package io.sendguard.inspection.personal;

import java.util.Objects;

/**
 * One personal datum found in a text segment. {@link #value()} is the normalized datum (digits only, a
 * lower-case address) and exists only to count distinct data: it must never be logged or shown; show
 * {@link #masked()}. Immutable.
 */
public final class PersonalDataMatch {
    private final PersonalDataKind kind;
    private final String location;
    private final int start;
    private final int end;
    private final String value;
    private final String masked;
    private final Confidence confidence;
    private final boolean signature;

    PersonalDataMatch(PersonalDataKind kind, String location, int start, int end, String value, String masked,
                      Confidence confidence, boolean signature) {
        this.kind = Objects.requireNonNull(kind);
        this.location = Objects.requireNonNull(location);
        this.start = start;
        this.end = end;
        this.value = Objects.requireNonNull(value);
        this.masked = Objects.requireNonNull(masked);
        this.confidence = Objects.requireNonNull(confidence);
        this.signature = signature;
    }

    public PersonalDataKind kind() {
        return kind;
    }

    /** Location of the segment ({@code body:text/plain}, {@code attachment:list.csv}, ...). */
    public String location() {
        return location;
    }

    /** Offset of the first character in the segment text. */
    public int start() {
        return start;
    }

    /** Offset after the last character in the segment text. */
    public int end() {
        return end;
    }

    /** Normalized datum, for counting distinct data only. Never log or show it. */
    public String value() {
        return value;
    }

    /** Masked form shown to people: {@code 4111 **** **** 1111}, {@code **** **** 1234}, {@code t***@example.com}. */
    public String masked() {
        return masked;
    }

    public Confidence confidence() {
        return confidence;
    }

    /** True when the match lies in the sender's own signature block (phone numbers, addresses). */
    public boolean inSignature() {
        return signature;
    }

    @Override
    public String toString() {
        return kind.id() + " " + masked + " (" + confidence.id() + (signature ? ", signature" : "") + ") at " + location;
    }
}
