package io.sendguard.inspection.personal;

import java.util.List;

/**
 * My Number (個人番号): 12 digits (optionally grouped by spaces or hyphens) with a valid check digit
 * ({@link CheckDigits#myNumber}), not part of a longer digit run or a code glued to letters. HIGH
 * confidence with a label (マイナンバー, 個人番号, my number) within the context window; MEDIUM when such
 * a label is elsewhere in the segment (the header of a table); LOW otherwise — about 1 in 11 random
 * 12-digit numbers has a valid check digit. A wrong check digit is no match.
 */
public final class MyNumberDetector implements PersonalDataDetector {
    static final List<String> LABELS = List.of("マイナンバー", "個人番号", "my number", "mynumber", "my no.", "individual number");

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.MY_NUMBER;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        for (NumberToken t : segment.tokens()) {
            if (t.length() != 12 || t.attached() || t.plus() || !CheckDigits.myNumber(t.digits())) {
                continue;
            }
            Confidence confidence = segment.near(t.start(), t.end(), LABELS) ? Confidence.HIGH
                : segment.anywhere(LABELS) ? Confidence.MEDIUM : Confidence.LOW;
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), t.end(), t.digits(),
                Masking.lastFour(t.digits()), confidence, false));
        }
    }
}
