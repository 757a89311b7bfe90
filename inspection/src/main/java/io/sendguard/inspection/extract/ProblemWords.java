package io.sendguard.inspection.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in words what went wrong while reading mail content, for the findings that senders and approvers
 * read in notices: "encrypted entry secret.txt", "broken base64 content", "malformed MIME structure: missing
 * start boundary". Never a Java class name, a stack trace or a parser's raw message; the technical detail
 * belongs in James's log. Stateless.
 */
public final class ProblemWords {
    /** When nothing more precise is known. */
    public static final String UNREADABLE = "damaged or unreadable content";

    private static final Pattern ZIP_FEATURE = Pattern.compile("Unsupported feature (.+?) used in entry (.+)");
    private static final Pattern ENCRYPTED_STREAM = Pattern.compile("stream \\((.+)\\) is encrypted");
    private static final Pattern CAUSED_BY = Pattern.compile("^Caused by: ([\\w.$]+)(?::\\s*(.*))?$");
    private static final Pattern TRACE_HEAD = Pattern.compile("^([\\w.$]+(?:Exception|Error|Throwable))(?::\\s*(.*))?$");

    private ProblemWords() {
    }

    /** The problem of a failure, from its class names and messages along the cause chain. */
    public static String of(Throwable failure) {
        List<String[]> chain = new ArrayList<>();
        int guard = 0;
        for (Throwable c = failure; c != null && guard < 20; c = c.getCause(), guard++) {
            chain.add(new String[] {c.getClass().getName(), c.getMessage()});
        }
        return of(chain);
    }

    /**
     * The problem of a failure that Tika recorded as a stack trace string (an embedded document that could not be
     * read): its first line and its {@code Caused by:} lines.
     */
    public static String ofStackTrace(String trace) {
        List<String[]> chain = new ArrayList<>();
        if (trace != null) {
            for (String line : trace.split("\r?\n")) {
                String l = line.trim();
                Matcher m = chain.isEmpty() ? TRACE_HEAD.matcher(l) : CAUSED_BY.matcher(l);
                if (m.matches()) {
                    chain.add(new String[] {m.group(1), m.group(2)});
                }
            }
            if (chain.isEmpty()) {
                chain.add(new String[] {"", trace});
            }
        }
        return of(chain);
    }

    private static String of(List<String[]> chain) {
        String found = null;
        for (String[] c : chain) {
            String words = words(c[0], c[1] == null ? "" : c[1]);
            if (words != null && (found == null || words.startsWith("encrypted") && !found.startsWith("encrypted"))) {
                found = words; // the outermost precise answer, but encryption wins: it explains the rest
            }
        }
        return found != null ? found : UNREADABLE;
    }

    private static String words(String className, String message) {
        String cls = className.toLowerCase(Locale.ROOT);
        String msg = message.toLowerCase(Locale.ROOT);
        Matcher feature = ZIP_FEATURE.matcher(message);
        if (feature.find()) {
            String what = feature.group(1);
            return what.equalsIgnoreCase("encryption") ? "encrypted entry " + feature.group(2)
                : "unsupported ZIP feature (" + what + ") in entry " + feature.group(2);
        }
        Matcher stream = ENCRYPTED_STREAM.matcher(message);
        if (stream.find()) {
            return "encrypted entry " + stream.group(1);
        }
        if (cls.endsWith("encrypteddocumentexception") || cls.endsWith("passwordrequiredexception")
            || cls.endsWith("invalidpasswordexception") || msg.contains("encrypt") || msg.contains("password")) {
            return "encrypted content (password-protected)";
        }
        if (msg.contains("missing start boundary")) {
            return "malformed MIME structure: missing start boundary";
        }
        if (msg.contains("missing end boundary")) {
            return "malformed MIME structure: missing end boundary";
        }
        if (msg.contains("boundary")) {
            return "malformed MIME structure: bad multipart boundary";
        }
        if (cls.endsWith("decodingexception") || msg.contains("base64")) {
            return "broken base64 content";
        }
        if (msg.contains("quoted-printable") || cls.contains("qpdecoder")) {
            return "broken quoted-printable content";
        }
        if (msg.contains("zip bomb") || msg.contains("zipbomb")) {
            return "expands far beyond its size (zip bomb?)";
        }
        if (msg.contains("compression method")) {
            return "unsupported compression method";
        }
        if (cls.endsWith("eofexception") || msg.contains("truncated") || msg.contains("unexpected end")) {
            return "truncated file";
        }
        if (cls.endsWith("outofmemoryerror") || cls.endsWith("stackoverflowerror")) {
            return "too large or too deeply nested to read";
        }
        return null;
    }
}
