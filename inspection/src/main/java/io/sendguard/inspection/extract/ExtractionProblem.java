package io.sendguard.inspection.extract;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Something in a mail that could not be (fully) inspected. Never dropped silently: policies usually hold
 * such mails. Immutable.
 */
public final class ExtractionProblem {
    /** Why the content could not be inspected. */
    public enum Kind {
        /** password-protected ZIP / 7z / PDF / Office document */
        ENCRYPTED,
        /** unreadable or malformed content */
        CORRUPT,
        /** over an {@link ExtractionLimits} limit (size, characters, depth, entries, expansion ratio) */
        LIMIT,
        /** the mail's time budget ran out */
        TIMEOUT;

        /** Rule id of the finding, e.g. {@code inspection.encrypted}. */
        public String ruleId() {
            return "inspection." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Category of findings made from problems. */
    public static final String CATEGORY = "uninspectable";

    private final String location;
    private final Kind kind;
    private final String message;

    private ExtractionProblem(String location, Kind kind, String message) {
        this.location = Objects.requireNonNull(location, "location");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = message == null ? "" : message;
    }

    public static ExtractionProblem of(String location, Kind kind, String message) {
        return new ExtractionProblem(location, kind, message);
    }

    /** Same location syntax as {@link TextSegment#location()}. */
    public String location() {
        return location;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Short description in words, shown to senders and approvers (no mail content, no Java class names or
     * parser messages: see {@link ProblemWords}; the technical detail goes to the log).
     */
    public String message() {
        return message;
    }

    /** Finding with category {@code uninspectable}, severity HIGH, rule id {@code inspection.<kind>}. */
    public Finding toFinding() {
        String excerpt = message.length() > 200 ? message.substring(0, 199) + "…" : message;
        return Finding.of(kind.ruleId(), CATEGORY, Severity.HIGH, location, excerpt);
    }

    /** Converts problems to findings, in order. */
    public static List<Finding> toFindings(List<ExtractionProblem> problems) {
        List<Finding> out = new ArrayList<>(problems.size());
        for (ExtractionProblem p : problems) {
            out.add(p.toFinding());
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExtractionProblem)) {
            return false;
        }
        ExtractionProblem that = (ExtractionProblem) o;
        return location.equals(that.location) && kind == that.kind && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, kind, message);
    }

    @Override
    public String toString() {
        return kind + " at " + location + ": " + message;
    }
}
