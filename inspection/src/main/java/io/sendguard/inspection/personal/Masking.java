package io.sendguard.inspection.personal;

/** Masked forms of personal data, the only forms that leave a detector for people to see. */
final class Masking {
    private Masking() {
    }

    /** {@code 4111 **** **** 1111}: first 4 and last 4 digits, the rest masked, in groups of 4. */
    static String card(String digits) {
        int n = digits.length();
        StringBuilder masked = new StringBuilder(digits.substring(0, 4));
        for (int i = 4; i < n - 4; i++) {
            masked.append('*');
        }
        masked.append(digits, n - 4, n);
        return grouped(masked.toString());
    }

    /** {@code **** **** 1234}: only the last 4 digits. */
    static String lastFour(String digits) {
        int n = digits.length();
        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < n - 4; i++) {
            masked.append('*');
        }
        masked.append(digits, n - 4, n);
        return grouped(masked.toString());
    }

    /** {@code 090-****-5678}: the first 2-4 digits (area or carrier code) and the last 4. */
    static String phone(String digits, boolean international) {
        int n = digits.length();
        int head = international ? 4 : (digits.startsWith("0120") || digits.startsWith("0800") ? 4 : 3);
        head = Math.min(head, n - 4);
        return (international ? "+" : "") + digits.substring(0, head) + "-****-" + digits.substring(n - 4);
    }

    /** {@code ***4567}. */
    static String account(String digits) {
        return "***" + digits.substring(digits.length() - 4);
    }

    /** {@code 〒100-****}. */
    static String postalCode(String digits) {
        return "〒" + digits.substring(0, 3) + "-****";
    }

    /** {@code t***@example.com}: the first character of the local part and the domain. */
    static String email(String address) {
        int at = address.indexOf('@');
        return address.charAt(0) + "***" + address.substring(at);
    }

    private static String grouped(String s) {
        StringBuilder out = new StringBuilder();
        int first = s.length() % 4 == 0 ? 4 : s.length() % 4;
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i += 4) {
            out.append(' ').append(s, i, i + 4);
        }
        return out.toString();
    }
}
