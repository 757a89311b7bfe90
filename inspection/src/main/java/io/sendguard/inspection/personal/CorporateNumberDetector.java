package io.sendguard.inspection.personal;

import java.util.List;

/**
 * Corporate number (法人番号): 13 digits whose first digit is the check digit
 * ({@link CheckDigits#corporateNumber}); also the {@code T}-prefixed registration number of qualified
 * invoices (適格請求書発行事業者登録番号). HIGH confidence with a label (法人番号, 登録番号, corporate number)
 * within the context window, LOW otherwise. Corporate numbers are public; the default policy only tags them.
 */
public final class CorporateNumberDetector implements PersonalDataDetector {
    static final List<String> LABELS = List.of("法人番号", "登録番号", "corporate number", "registration number");

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.CORPORATE_NUMBER;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        String text = segment.text();
        for (NumberToken t : segment.tokens()) {
            if (t.length() != 13 || t.plus() || !CheckDigits.corporateNumber(t.digits())) {
                continue;
            }
            boolean invoiceNumber = t.start() > 0 && (text.charAt(t.start() - 1) == 'T' || text.charAt(t.start() - 1) == 'Ｔ')
                && !Character.isLetter(NumberToken.before(text, t.start() - 1));
            if (t.attached() && !invoiceNumber) {
                continue;
            }
            Confidence confidence = segment.near(t.start(), t.end(), LABELS) ? Confidence.HIGH : Confidence.LOW;
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), t.end(), t.digits(),
                "*********" + t.digits().substring(9), confidence, false));
        }
    }
}
