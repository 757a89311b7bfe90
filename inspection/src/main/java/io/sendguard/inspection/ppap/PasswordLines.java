package io.sendguard.inspection.ppap;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a line that hands over a password, the way PPAP follow-up mails do (Japanese and English):
 * {@code パスワード：Abc12345}, {@code 解凍パスワードは 8h2Kd9Xq です}, {@code PW: x7#Kq9!z}, {@code zip: hoge2026},
 * {@code Password for the file: Tr0ub4dor&3}, or a label on its own line ({@code 【パスワード】}) with the value
 * alone on the next one. Text is NFKC-normalized first (full-width {@code ＰＷ：Ａｂｃ１２３} counts).
 *
 * <p>A value is one token of 4 to 64 printable ASCII characters, not a URL or an e-mail address, that looks
 * made up: it has a digit, a symbol other than {@code - ' .}, or an upper-case letter after a lower-case one
 * ({@code see below}, {@code Please}, {@code e-mail} or {@code 別途お送りします} do not count). The short labels {@code pass}, {@code pw}, {@code p/w}, {@code パス} and {@code zip} count only
 * when a separator ({@code :}, {@code =}, {@code は}, {@code 】}...) follows them, so {@code zipファイル},
 * {@code パスポート} or "I will pass it on" are not labels. Pure functions; thread-safe.
 */
public final class PasswordLines {
    /** Where a password was handed over, with the value masked. */
    public static final class Match {
        private final String label;
        private final String maskedLine;

        Match(String label, String maskedLine) {
            this.label = label;
            this.maskedLine = maskedLine;
        }

        /** The label as written (normalized), e.g. {@code パスワード} or {@code PW}. */
        public String label() {
            return label;
        }

        /** The line with the value replaced by {@code ****}, shortened to 80 characters. */
        public String maskedLine() {
            return maskedLine;
        }
    }

    private static final String SEPARATOR = "\\s*(?:[】\\]）)」』>]\\s*)?(?:[:=→]|は|:|ー|-)";
    private static final Pattern LABEL = Pattern.compile(
        "(?<![A-Za-z])(解凍用?パスワード|解凍キー|解凍|パスワード|暗証番号|passwords?|passcode|passwd|pass\\s*phrase"
            + "|(?:pass|pw|p/w|パス|zip)(?=" + SEPARATOR + "))(?![A-Za-z])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern TOKEN = Pattern.compile("[!-~]{4,64}");
    private static final Pattern EDGES = Pattern.compile("^[\"'(\\[<{「『【:=]+|[\"')\\]>}」』】.,;:。、]+$");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\\u3000]+");

    private PasswordLines() {
    }

    /** The first password-handing line of {@code text}, if any. */
    public static Optional<Match> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = Normalizer.normalize(text, Normalizer.Form.NFKC).split("\\r?\\n|\\r");
        for (String line : lines) { // a value on the label's own line wins
            Matcher label = LABEL.matcher(line);
            while (label.find()) {
                Optional<String> value = value(line.substring(label.end()));
                if (value.isPresent()) {
                    return Optional.of(new Match(label.group(1), mask(line, value.get())));
                }
            }
        }
        for (int i = 0; i < lines.length; i++) { // then a label standing alone, its value on the next line
            Matcher label = LABEL.matcher(lines[i]);
            while (label.find()) {
                String rest = lines[i].substring(label.end());
                if (rest.replaceAll("[\\s】\\]）)」』>:=はをの。、ー-]", "").isEmpty() || isLabelOnly(rest)) {
                    Optional<String> next = nextLineValue(lines, i + 1);
                    if (next.isPresent()) {
                        return Optional.of(new Match(label.group(1), mask(lines[i].trim() + " " + next.get(), next.get())));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** "をお送りします" and other words after a label that stands alone on its line. */
    private static boolean isLabelOnly(String rest) {
        return !TOKEN.matcher(rest).find() && rest.length() <= 30;
    }

    private static Optional<String> nextLineValue(String[] lines, int from) {
        for (int j = from; j < lines.length && j <= from + 1; j++) {
            String line = lines[j].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = WORD_SEPARATORS.split(line);
            if (words.length == 1 && !LABEL.matcher(line).find()) {
                Optional<String> v = valueToken(words[0]);
                if (v.isPresent()) {
                    return v;
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> value(String rest) {
        for (String word : WORD_SEPARATORS.split(rest.trim())) {
            Optional<String> v = valueToken(word);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> valueToken(String word) {
        Matcher m = TOKEN.matcher(word);
        while (m.find()) {
            String token = EDGES.matcher(m.group()).replaceAll("");
            if (token.length() >= 4 && token.length() <= 64 && looksMadeUp(token)) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    /**
     * A digit; or a symbol other than the ones words carry ({@code -}, {@code '}, {@code .}); or an upper-case letter
     * after a lower-case one ({@code aBc}; a capitalised word like {@code Please} does not count).
     */
    private static boolean looksMadeUp(String token) {
        String lower = token.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("://") || lower.startsWith("www.") || EMAIL.matcher(token).matches()) {
            return false;
        }
        boolean seenLower = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
            if (c >= 'a' && c <= 'z') {
                seenLower = true;
            } else if (c >= 'A' && c <= 'Z') {
                if (seenLower) {
                    return true;
                }
            } else if (c != '-' && c != '\'' && c != '.') {
                return true;
            }
        }
        return false;
    }

    private static String mask(String line, String value) {
        String masked = line.replace(value, "****").trim();
        return masked.length() > 80 ? masked.substring(0, 79) + "…" : masked;
    }
}
