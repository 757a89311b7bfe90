package io.sendguard.inspection.personal;

import java.util.List;

/**
 * Japanese phone numbers: mobile (070/080/090 + 8 digits), IP phone (050 + 8), toll free (0120 + 6, 0800 + 7),
 * fixed lines (0 + 9 digits, area code not starting with 0) and the international forms ({@code +81 90 ...},
 * {@code +81-3-...}). Grouped numbers ({@code 03-1234-5678}) match; an ungrouped run of digits matches only
 * with a phone word (TEL, 電話, 携帯, phone, FAX...) within the context window, since order and tracking
 * numbers also start with 0. HIGH confidence grouped with a phone word, MEDIUM otherwise. Numbers in the
 * sender's signature block are marked {@link PersonalDataMatch#inSignature()}.
 */
public final class PhoneNumberDetector implements PersonalDataDetector {
    static final List<String> LABELS = List.of("tel", "ｔｅｌ", "電話", "携帯", "phone", "mobile", "fax", "ｆａｘ", "連絡先", "℡");

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.PHONE;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        for (NumberToken t : segment.tokens()) {
            if (t.attached() || t.length() < 10 || t.length() > 12) {
                continue;
            }
            String national;
            if (t.plus()) {
                if (!t.digits().startsWith("81") || t.digits().charAt(2) == '0') {
                    continue;
                }
                national = "0" + t.digits().substring(2);
            } else {
                national = t.digits();
            }
            if (!isJapanesePhone(national)) {
                continue;
            }
            boolean grouped = t.groupCount() >= 2 && t.group(t.groupCount() - 1) >= 3;
            boolean labelled = segment.near(t.start(), t.end(), LABELS);
            if (!grouped && !labelled) {
                continue;
            }
            Confidence confidence = grouped && labelled ? Confidence.HIGH : Confidence.MEDIUM;
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), t.end(), national,
                Masking.phone(t.plus() ? t.digits() : national, t.plus()), confidence, segment.inSignature(t.start())));
        }
    }

    static boolean isJapanesePhone(String d) {
        int n = d.length();
        if (d.charAt(0) != '0' || d.charAt(1) == '0') {
            return false;
        }
        if (d.startsWith("070") || d.startsWith("080") || d.startsWith("090") || d.startsWith("050")) {
            return n == 11;
        }
        if (d.startsWith("0120")) {
            return n == 10;
        }
        if (d.startsWith("0800")) {
            return n == 11;
        }
        return n == 10; // fixed line: area code and subscriber number, 10 digits with the leading 0
    }
}
