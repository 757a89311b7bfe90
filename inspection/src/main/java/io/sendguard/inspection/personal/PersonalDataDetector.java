package io.sendguard.inspection.personal;

import java.util.List;

/** Finds one kind of personal datum in a segment. Implementations are immutable and thread-safe. */
public interface PersonalDataDetector {
    PersonalDataKind kind();

    /** Adds the matches found in {@code segment} to {@code out}. */
    void detect(SegmentText segment, List<PersonalDataMatch> out);
}
