package io.sendguard.inspection.personal;

/** Check-digit rules of the numbers the detectors look for. Inputs are ASCII digit strings. */
final class CheckDigits {
    private CheckDigits() {
    }

    /**
     * My Number (個人番号, 行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 / 総務省令 第5条):
     * check = 11 - (Σ P_n × Q_n mod 11), 0 when the remainder is 0 or 1, P_n the n-th of the 11 leading
     * digits counted from the right, Q_n = n + 1 for n ≤ 6 and n - 5 for n ≥ 7. The check digit is last.
     */
    static boolean myNumber(String d) {
        if (d.length() != 12) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = d.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int remainder = sum % 11;
        int check = remainder <= 1 ? 0 : 11 - remainder;
        return check == d.charAt(11) - '0';
    }

    /**
     * Corporate number (法人番号, 法人番号の指定等に関する省令 第2条): the FIRST digit is the check digit,
     * check = 9 - (Σ P_n × Q_n mod 9), P_n the n-th of the 12 following digits counted from the right,
     * Q_n = 1 for odd n and 2 for even n.
     */
    static boolean corporateNumber(String d) {
        if (d.length() != 13) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int p = d.charAt(13 - n) - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9 == d.charAt(0) - '0';
    }

    /** Luhn (ISO/IEC 7812-1 Annex B). */
    static boolean luhn(String d) {
        int sum = 0;
        boolean doubled = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (doubled) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
