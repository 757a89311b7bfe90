package io.sendguard.hold;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifier of a held mail: 128 random bits from {@link SecureRandom}, base64url without padding
 * (22 characters). Unguessable, URL-safe and safe to use as a file name; {@link #of(String)} rejects
 * anything else, so an id coming from a link can never traverse the file system.
 */
public final class HeldMailId implements Comparable<HeldMailId> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final String value;

    private HeldMailId(String value) {
        this.value = value;
    }

    /** @return a new random id (128 bits of entropy). */
    public static HeldMailId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new HeldMailId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Parses an id.
     *
     * @param value 16 to 64 characters of the base64url alphabet
     * @return the id
     * @throws IllegalArgumentException when the value is not a well-formed id
     */
    public static HeldMailId of(String value) {
        Objects.requireNonNull(value, "id");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Malformed held mail id");
        }
        return new HeldMailId(value);
    }

    /** @return the textual form */
    public String asString() {
        return value;
    }

    @Override
    public int compareTo(HeldMailId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldMailId && ((HeldMailId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
