package io.sendguard.inspection.personal;

import java.util.Locale;

/** What a personal-data detector looks for; {@link #id()} names it in the policy file and the rule id. */
public enum PersonalDataKind {
    /** Japanese individual number (マイナンバー / 個人番号), 12 digits with check digit */
    MY_NUMBER,
    /** Japanese corporate number (法人番号), 13 digits, check digit first */
    CORPORATE_NUMBER,
    /** payment card number (Luhn, issuer ranges) */
    CARD,
    /** Japanese phone number (fixed, mobile, 0120, 050, +81) */
    PHONE,
    /** Japanese postal code followed by a prefecture (an address) */
    ADDRESS,
    /** e-mail addresses of a segment that holds a list of them */
    EMAIL_LIST,
    /** bank account number (7 digits) near bank words */
    BANK_ACCOUNT;

    /** {@code my-number}, {@code card}, {@code email-list}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code personal-data.my-number}, ... */
    public String ruleId() {
        return PersonalDataScanner.CATEGORY + "." + id();
    }

    /** The kind with this {@link #id()}. */
    public static PersonalDataKind ofId(String id) {
        for (PersonalDataKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown personal-data detector '" + id + "'");
    }
}
