package io.sendguard.inspection.personal;

import java.util.ArrayList;
import java.util.List;

/**
 * A maximal run of digits (ASCII or full-width) in which groups may be joined by one separator (hyphen,
 * dash, ASCII or ideographic space): {@code 4111 1111 1111 1111}, {@code 03-1234-5678}. A detector looks at
 * the whole token only, so a number inside a longer digit run never matches. Immutable.
 */
final class NumberToken {
    private final int start;
    private final int end;
    private final String digits;
    private final int[] groups;
    private final boolean plus;
    private final boolean attached;

    private NumberToken(int start, int end, String digits, int[] groups, boolean plus, boolean attached) {
        this.start = start;
        this.end = end;
        this.digits = digits;
        this.groups = groups;
        this.plus = plus;
        this.attached = attached;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** The digits only, ASCII. */
    String digits() {
        return digits;
    }

    int length() {
        return digits.length();
    }

    /** Digits per group, e.g. {@code [4, 4, 4, 4]}. */
    int[] groups() {
        return groups.clone();
    }

    int groupCount() {
        return groups.length;
    }

    int group(int i) {
        return groups[i];
    }

    /** Preceded by {@code +} (international phone form). */
    boolean plus() {
        return plus;
    }

    /**
     * Glued to a word or a decimal: a letter right before or after ({@code ORD123456789012}), or a
     * {@code .} joining it to more digits ({@code 3.14159265358979}). A comma is a field separator (CSV);
     * thousands groups ({@code 1,234,567}) are 3-digit tokens that no detector matches.
     */
    boolean attached() {
        return attached;
    }

    /** Character right before the token, or 0. */
    static char before(String text, int index) {
        return index > 0 ? text.charAt(index - 1) : 0;
    }

    static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19');
    }

    private static char ascii(char c) {
        return c <= '9' ? c : (char) ('0' + (c - '\uFF10'));
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == ' ' || c == '\u3000' || c == '\uFF0D' || c == '\u2212' || (c >= '\u2010' && c <= '\u2015')
            || c == '\u30FC';
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A');
    }

    /** No detector looks at fewer digits (bank accounts and postal codes have 7). */
    static final int MIN_DIGITS = 7;

    /**
     * All tokens of {@code text} with at least {@link #MIN_DIGITS} digits, in order. Tokens longer than 40
     * digits are reported with {@code attached}.
     */
    static List<NumberToken> find(String text) {
        List<NumberToken> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        StringBuilder digits = new StringBuilder(24);
        int[] groups = new int[16];
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            digits.setLength(0);
            int groupCount = 0;
            int groupLength = 0;
            int end = i;
            while (i < n) {
                char c = text.charAt(i);
                if (isDigit(c)) {
                    digits.append(ascii(c));
                    groupLength++;
                    i++;
                    end = i;
                } else if (isSeparator(c) && i + 1 < n && isDigit(text.charAt(i + 1))) {
                    if (groupCount < groups.length) {
                        groups[groupCount] = groupLength;
                    }
                    groupCount++;
                    groupLength = 0;
                    i++;
                } else {
                    break;
                }
            }
            if (groupCount < groups.length) {
                groups[groupCount] = groupLength;
            }
            groupCount++;
            if (digits.length() < MIN_DIGITS) {
                continue;
            }
            char prev = before(text, start);
            char next = end < n ? text.charAt(end) : 0;
            boolean attached = digits.length() > 40 || groupCount > groups.length
                || isLetter(prev) || isLetter(next)
                || (prev == '.' && isDigit(before(text, start - 1)))
                || (next == '.' && end + 1 < n && isDigit(text.charAt(end + 1)));
            int[] g = new int[Math.min(groupCount, groups.length)];
            System.arraycopy(groups, 0, g, 0, g.length);
            tokens.add(new NumberToken(start, end, digits.toString(), g, prev == '+' || prev == '\uFF0B', attached));
        }
        return tokens;
    }
}
