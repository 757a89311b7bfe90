package io.sendguard.inspection.extract;

import io.sendguard.core.content.EmbeddedDocument;
import io.sendguard.core.finding.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The text segments of one mail plus everything that could not be inspected. Immutable. */
public final class ExtractionResult {
    private final List<TextSegment> segments;
    private final List<ExtractionProblem> problems;
    private final List<EmbeddedDocument> embedded;

    private ExtractionResult(List<TextSegment> segments, List<ExtractionProblem> problems, List<EmbeddedDocument> embedded) {
        this.segments = Collections.unmodifiableList(new ArrayList<>(segments));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
        this.embedded = Collections.unmodifiableList(new ArrayList<>(embedded));
    }

    public static ExtractionResult of(List<TextSegment> segments, List<ExtractionProblem> problems) {
        return new ExtractionResult(segments, problems, List.of());
    }

    public static ExtractionResult of(List<TextSegment> segments, List<ExtractionProblem> problems,
                                      List<EmbeddedDocument> embedded) {
        return new ExtractionResult(segments, problems, embedded);
    }

    /**
     * Every entry of an archive attachment that was unpacked, at any depth within the limits, with what its
     * bytes reveal (true type, name mismatch, encryption, macros, disk image): e.g.
     * {@code attachment:outer.zip!/docs/inner.zip!/setup.exe} detected as {@code application/x-msdownload}.
     */
    public List<EmbeddedDocument> embeddedDocuments() {
        return embedded;
    }

    public List<TextSegment> segments() {
        return segments;
    }

    public List<ExtractionProblem> problems() {
        return problems;
    }

    /** Problems as findings ({@link ExtractionProblem#toFinding()}). */
    public List<Finding> problemFindings() {
        return ExtractionProblem.toFindings(problems);
    }

    /** The first segment at exactly this location. */
    public Optional<TextSegment> segment(String location) {
        for (TextSegment s : segments) {
            if (s.location().equals(location)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Total characters of all segments. */
    public long totalChars() {
        long n = 0;
        for (TextSegment s : segments) {
            n += s.text().length();
        }
        return n;
    }

    @Override
    public String toString() {
        return "ExtractionResult[" + segments + ", problems=" + problems + "]";
    }
}
