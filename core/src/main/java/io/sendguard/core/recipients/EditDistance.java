package io.sendguard.core.recipients;

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * transpositions of two adjacent characters, each costing one) between two strings, by code point.
 */
public final class EditDistance {
    private EditDistance() {
    }

    public static int between(String a, String b) {
        return between(a, b, Integer.MAX_VALUE);
    }

    /**
     * The distance, or {@code limit + 1} as soon as it is known to exceed {@code limit} (so that
     * comparing against many strings stays cheap).
     */
    public static int between(String a, String b, int limit) {
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        int cap = limit == Integer.MAX_VALUE ? limit : limit + 1;
        if (Math.abs(s.length - t.length) > limit) {
            return cap;
        }
        int[] beforePrevious = new int[t.length + 1];
        int[] previous = new int[t.length + 1];
        int[] current = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= t.length; j++) {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                    value = Math.min(value, beforePrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.min(rowMinimum, value);
            }
            if (rowMinimum > limit) {
                return cap;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[t.length], cap);
    }
}
