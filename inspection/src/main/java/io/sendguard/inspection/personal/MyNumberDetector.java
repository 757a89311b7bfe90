package io.sendguard.inspection.personal;

import java.util.List;

/**
 * My Number (個人番号): 12 digits (optionally grouped by spaces or hyphens) with a valid check digit
 * ({@link CheckDigits#myNumber}), not part of a longer digit run or a code glued to letters. HIGH
 * confidence with a label (マイナンバー, 個人番号, my number) within the context window; MEDIUM when such
 * a label is elsewhere in the segment (the header of a table), or when the number is in a file name
 * ({@code customer_123456789018.txt}: the file is named after it; {@code _ - .} and spaces around it are
 * boundaries, letters are not) unless it reads as a date and time ({@code 202612071234}, {@code 261207123456}:
 * scanners and cameras name files so); LOW otherwise — about 1 in 11 random 12-digit numbers has a valid check
 * digit. A wrong check digit is no match.
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
                : segment.anywhere(LABELS) || (segment.isFileName() && !isDateTime(t.digits())) ? Confidence.MEDIUM
                : Confidence.LOW;
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), t.end(), t.digits(),
                Masking.lastFour(t.digits()), confidence, false));
        }
    }

    /** {@code yyyyMMddHHmm} (years 1900-2099) or {@code yyMMddHHmmss} with a real month, day, hour and minute. */
    static boolean isDateTime(String twelveDigits) {
        int year = Integer.parseInt(twelveDigits.substring(0, 4));
        if ((year >= 1900 && year <= 2099) && isDayAndTime(twelveDigits.substring(4))) {
            return true;
        }
        return isDayAndTime(twelveDigits.substring(2, 10)) && Integer.parseInt(twelveDigits.substring(10, 12)) < 60;
    }

    /** {@code MMddHHmm}. */
    private static boolean isDayAndTime(String eight) {
        int month = Integer.parseInt(eight.substring(0, 2));
        int day = Integer.parseInt(eight.substring(2, 4));
        int hour = Integer.parseInt(eight.substring(4, 6));
        int minute = Integer.parseInt(eight.substring(6, 8));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60;
    }
}
