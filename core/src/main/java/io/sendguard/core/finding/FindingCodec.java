package io.sendguard.core.finding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns findings into one compact UTF-8 string and back, so they can travel with a mail as a single
 * attribute through any mail queue: one finding per line, five tab-separated fields, with {@code %},
 * tab, CR and LF percent-escaped.
 */
public final class FindingCodec {
    private static final int FIELDS = 5;

    private FindingCodec() {
    }

    public static String encode(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        for (Finding f : findings) {
            out.append(escape(f.ruleId())).append('\t')
                .append(escape(f.category())).append('\t')
                .append(f.severity().name()).append('\t')
                .append(escape(f.location())).append('\t')
                .append(escape(f.excerpt())).append('\n');
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException when the text is not in this codec's format
     */
    public static List<Finding> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Collections.emptyList();
        }
        List<Finding> result = new ArrayList<>();
        for (String line : encoded.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != FIELDS) {
                throw new IllegalArgumentException("malformed finding: expected " + FIELDS + " fields, got " + fields.length);
            }
            result.add(Finding.of(unescape(fields[0]), unescape(fields[1]), Severity.parse(fields[2]),
                unescape(fields[3]), unescape(fields[4])));
        }
        return Collections.unmodifiableList(result);
    }

    /** Percent-escapes {@code %}, tab, CR and LF, so a value fits in one tab-separated field of one line. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%': out.append("%25"); break;
                case '\t': out.append("%09"); break;
                case '\n': out.append("%0A"); break;
                case '\r': out.append("%0D"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** Undoes {@link #escape(String)}. */
    public static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("malformed escape in finding field");
                }
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
