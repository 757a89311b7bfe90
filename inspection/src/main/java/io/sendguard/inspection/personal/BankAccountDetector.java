package io.sendguard.inspection.personal;

import java.util.List;

/**
 * Bank account numbers: 7 digits (one group) with a bank word (銀行, 支店, 普通, 当座, 口座, bank, account) within
 * the context window before it. HIGH confidence with an explicit label (口座番号, account number, account no),
 * MEDIUM otherwise. Seven digits without a bank word are no match.
 */
public final class BankAccountDetector implements PersonalDataDetector {
    static final List<String> BANK_WORDS = List.of("銀行", "支店", "普通", "当座", "口座", "bank", "branch", "account", "a/c",
        "信用金庫", "ゆうちょ");
    static final List<String> LABELS = List.of("口座番号", "account number", "account no", "acct no", "a/c no");

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.BANK_ACCOUNT;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        for (NumberToken t : segment.tokens()) {
            if (t.length() != 7 || t.groupCount() != 1 || t.attached() || t.plus() || !segment.before(t.start(), BANK_WORDS)) {
                continue;
            }
            Confidence confidence = segment.before(t.start(), LABELS) ? Confidence.HIGH : Confidence.MEDIUM;
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), t.end(), t.digits(),
                Masking.account(t.digits()), confidence, segment.inSignature(t.start())));
        }
    }
}
