package io.sendguard.inspection.text;

import java.util.Objects;

/**
 * A text prepared for matching by {@link Normalizer}, with a map from every normalized character back to the
 * original text, so a match found in the normalized text can be shown as an excerpt of what the sender wrote.
 * Immutable; the offset array is never exposed.
 */
public final class NormalizedText {
    private final String original;
    private final String normalized;
    /** {@code origin[i]} = index in {@link #original} of the character(s) that produced normalized char {@code i}. */
    private final int[] origin;

    NormalizedText(String original, String normalized, int[] origin) {
        this.original = Objects.requireNonNull(original, "original");
        this.normalized = Objects.requireNonNull(normalized, "normalized");
        this.origin = origin;
    }

    /** The text as given to the normalizer. */
    public String original() {
        return original;
    }

    /** The text to match keywords and expressions against. */
    public String normalized() {
        return normalized;
    }

    /** Length of the normalized text. */
    public int length() {
        return normalized.length();
    }

    /**
     * Maps a start offset in the normalized text to the original text.
     *
     * @param normalizedIndex 0 .. {@link #length()}
     */
    public int originalStart(int normalizedIndex) {
        if (normalizedIndex >= origin.length) {
            return original.length();
        }
        return origin[normalizedIndex];
    }

    /**
     * Maps an exclusive end offset in the normalized text to an exclusive end offset in the original text: the
     * end of the original characters that produced normalized char {@code normalizedEnd - 1}.
     */
    public int originalEnd(int normalizedEnd) {
        if (normalizedEnd <= 0) {
            return 0;
        }
        int lastOrigin = origin[normalizedEnd - 1];
        // skip forward past everything produced from the same original chars
        int k = normalizedEnd;
        while (k < origin.length && origin[k] == lastOrigin) {
            k++;
        }
        int end = k < origin.length ? origin[k] : original.length();
        // do not include whitespace that was removed between the match and the next char
        while (end > lastOrigin + 1 && Character.isWhitespace(original.charAt(end - 1))) {
            end--;
        }
        return Math.max(end, lastOrigin + 1);
    }

    @Override
    public String toString() {
        return normalized;
    }
}
