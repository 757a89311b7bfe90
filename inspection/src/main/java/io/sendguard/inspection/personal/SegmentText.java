package io.sendguard.inspection.personal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * One text segment as the detectors see it: its location, its text, the number tokens (computed once and
 * shared by all detectors), the words around a position and where the sender's signature starts.
 * Not thread-safe: one instance per segment and scan.
 */
public final class SegmentText {
    private final String location;
    private final String text;
    private final int contextWindow;
    private List<NumberToken> tokens;
    private String lowerCase;
    private final Map<List<String>, Boolean> anywhere = new IdentityHashMap<>();
    private int signatureStart = -2;

    SegmentText(String location, String text, int contextWindow) {
        this.location = Objects.requireNonNull(location);
        this.text = Objects.requireNonNull(text);
        this.contextWindow = contextWindow;
    }

    String location() {
        return location;
    }

    String text() {
        return text;
    }

    /**
     * True when the segment is a file name (location {@code attachment-name:...}, also inside an archive or an
     * attached mail): a person chose these words to say what the file is about.
     */
    boolean isFileName() {
        return location.contains("attachment-name:");
    }

    List<NumberToken> tokens() {
        if (tokens == null) {
            tokens = NumberToken.find(text);
        }
        return tokens;
    }

    /** True when one of the (lower-case) words occurs within the context window before or after [start, end). */
    boolean near(int start, int end, List<String> words) {
        return near(start, end, words, contextWindow);
    }

    boolean near(int start, int end, List<String> words, int window) {
        int from = Math.max(0, start - window);
        int to = Math.min(text.length(), end + window);
        String around = (text.substring(from, start) + " " + text.substring(end, to)).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (around.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** True when one of the (lower-case) words occurs within the window before {@code start}. */
    boolean before(int start, List<String> words) {
        String around = text.substring(Math.max(0, start - contextWindow), start).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (around.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** True when one of the (lower-case) words occurs anywhere in the segment. */
    boolean anywhere(List<String> words) {
        Boolean known = anywhere.get(words);
        if (known != null) {
            return known;
        }
        if (lowerCase == null) {
            lowerCase = text.toLowerCase(Locale.ROOT);
        }
        boolean found = false;
        for (String w : words) {
            if (lowerCase.contains(w)) {
                found = true;
                break;
            }
        }
        anywhere.put(words, found);
        return found;
    }

    /**
     * True when {@code offset} lies in the sender's signature: in a body segment, after the last separator
     * line ({@code --}, or a line of 5 or more of {@code - = _ * ~ ━ ─ ＿ ＝}) when at most 15 lines follow it.
     */
    boolean inSignature(int offset) {
        if (signatureStart == -2) {
            signatureStart = location.startsWith("body:") ? findSignatureStart(text) : -1;
        }
        return signatureStart >= 0 && offset >= signatureStart;
    }

    static int findSignatureStart(String text) {
        int lineEnd = text.length();
        int lines = 0;
        while (lineEnd > 0 && lines <= 16) {
            int lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
            if (isSeparatorLine(text, lineStart, lineEnd)) {
                return lineStart;
            }
            lines++;
            lineEnd = lineStart - 1;
        }
        return -1;
    }

    private static boolean isSeparatorLine(String text, int start, int end) {
        String line = text.substring(start, Math.max(start, end)).strip();
        if (line.equals("--")) {
            return true;
        }
        if (line.length() < 5) {
            return false;
        }
        for (int i = 0; i < line.length(); i++) {
            if ("-=_*~━─＿＝―".indexOf(line.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
