package io.sendguard.inspection.personal;

import java.util.List;

/**
 * Payment card numbers: 14-19 digits with a valid Luhn check digit in an issuer range and length (Visa 4:
 * 16/19 — the old 13-digit Visa numbers are left out, they collide with JAN/EAN-13 product codes; Mastercard 51-55 and 2221-2720: 16; American Express 34/37: 15; JCB 3528-3589: 16-19; Diners
 * 36/38/300-305: 14-19; Discover 6011/65: 16-19), optionally grouped by spaces or hyphens, not inside a
 * longer digit run. HIGH confidence with a card word (カード, card, 有効期限, expiry, CVV...) within the
 * context window; MEDIUM when grouped the way cards are printed (4-4-4-4, 4-6-5, 4-6-4) or when such a word
 * is elsewhere in the segment; LOW otherwise.
 */
public final class CardNumberDetector implements PersonalDataDetector {
    static final List<String> CONTEXT = List.of("カード", "card", "クレジット", "credit", "有効期限", "expiry", "expiration",
        "exp.", "cvv", "cvc", "セキュリティコード", "security code", "visa", "mastercard", "amex", "jcb", "diners", "discover");

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.CARD;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        for (NumberToken t : segment.tokens()) {
            if (t.length() < 14 || t.length() > 19 || t.attached() || t.plus() || !issuerFits(t.digits())
                || !CheckDigits.luhn(t.digits())) {
                continue;
            }
            Confidence confidence = segment.near(t.start(), t.end(), CONTEXT) ? Confidence.HIGH
                : cardGrouping(t) || segment.anywhere(CONTEXT) ? Confidence.MEDIUM : Confidence.LOW;
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), t.end(), t.digits(),
                Masking.card(t.digits()), confidence, false));
        }
    }

    static boolean issuerFits(String d) {
        int n = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return n == 16 || n == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return n == 16;
        }
        if (p2 == 34 || p2 == 37) {
            return n == 15;
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return n >= 16;
        }
        if (p2 == 36 || p2 == 38 || (p3 >= 300 && p3 <= 305)) {
            return n >= 14;
        }
        if (p4 == 6011 || p2 == 65) {
            return n >= 16;
        }
        return false;
    }

    private static boolean cardGrouping(NumberToken t) {
        int[] g = t.groups();
        if (g.length == 4 && g[0] == 4 && g[1] == 4 && g[2] == 4 && g[3] >= 1 && g[3] <= 7) {
            return true;
        }
        return g.length == 3 && g[0] == 4 && g[1] == 6 && (g[2] == 5 || g[2] == 4);
    }
}
