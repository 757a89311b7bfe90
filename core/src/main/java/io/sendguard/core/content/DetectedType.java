package io.sendguard.core.content;

import java.util.Objects;
import java.util.Optional;

/**
 * The type of an attachment as its bytes say ({@link #trueType()}), the type its file name claims,
 * and whether the two disagree (an executable named {@code invoice.pdf}).
 */
public final class DetectedType {
    private final String trueType;
    private final Optional<String> nameType;
    private final boolean mismatch;

    DetectedType(String trueType, Optional<String> nameType, boolean mismatch) {
        this.trueType = Objects.requireNonNull(trueType);
        this.nameType = Objects.requireNonNull(nameType);
        this.mismatch = mismatch;
    }

    /** Media type detected from content, without parameters, e.g. {@code application/pdf}. */
    public String trueType() {
        return trueType;
    }

    /** Media type implied by the file name, when the name has a known extension. */
    public Optional<String> nameType() {
        return nameType;
    }

    /** True when content and name clearly disagree. */
    public boolean mismatch() {
        return mismatch;
    }

    @Override
    public String toString() {
        return trueType + nameType.map(n -> " (name says " + n + ")").orElse("") + (mismatch ? " MISMATCH" : "");
    }
}
