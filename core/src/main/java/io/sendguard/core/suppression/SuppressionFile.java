package io.sendguard.core.suppression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The suppression file of the configuration ({@code conf/sendguard-suppression.txt}), UTF-8: one
 * address ({@code bob@example.com}) or domain ({@code @example.com}) per line; blank lines and lines
 * starting with {@code #} are ignored; after an entry, whitespace and a {@code #} start a comment.
 * A line that is neither refuses the whole file, naming the file and the line (not its content,
 * which may be an address).
 */
public final class SuppressionFile {
    private SuppressionFile() {
    }

    /**
     * @param source named in errors
     * @throws IllegalArgumentException {@code <source> line <n>: ...} for the first broken line
     */
    public static List<String> parse(String content, String source) {
        Set<String> entries = new LinkedHashSet<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], source, i + 1).ifPresent(entries::add);
        }
        return new ArrayList<>(entries);
    }

    private static Optional<String> parseLine(String line, String source, int number) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        String entry = trimmed;
        int space = indexOfWhitespace(trimmed);
        if (space >= 0) {
            String rest = trimmed.substring(space).strip();
            if (!rest.startsWith("#")) {
                throw new IllegalArgumentException(source + " line " + number
                    + ": one address or @domain per line (a comment after it starts with #)");
            }
            entry = trimmed.substring(0, space);
        }
        try {
            return Optional.of(SuppressionEntry.normalize(entry));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage());
        }
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || value.charAt(i) == '\u3000') {
                return i;
            }
        }
        return -1;
    }
}
