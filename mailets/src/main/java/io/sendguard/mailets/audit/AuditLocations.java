package io.sendguard.mailets.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding locations as the audit trail keeps them: file names masked. A file name is text a person chose and may
 * hold a name, a phone number or a My Number ({@code 山田太郎_090-1234-5678.xlsx}, {@code customer_123456789018.txt});
 * the trail is kept for years and read by people who need not know them. Each name (an attachment, a folder or file
 * inside an archive) keeps its first character and its extension, like a masked address ({@code t***@example.com}):
 * {@code attachment:outer.zip!/docs/setup.exe} becomes <code>attachment:o***.zip!&#47;d***&#47;s***.exe</code>, and
 * {@code attachment-name:customer_123456789018.txt} becomes {@code attachment-name:c***.txt}. A digit is never kept
 * (a name starting with one shows {@code *}). The kinds of location without a name ({@code subject},
 * {@code body:text/plain}, {@code message}, {@code domain:...}) stay as they are.
 */
final class AuditLocations {
    private static final String ATTACHMENT = "attachment:";
    private static final String ATTACHMENT_NAME = "attachment-name:";
    private static final Pattern MORE = Pattern.compile("^(.*?)( \\(\\+\\d+ more\\))$");
    private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,10})$");

    private AuditLocations() {
    }

    static String masked(String location) {
        if (location == null) {
            return null;
        }
        Matcher more = MORE.matcher(location);
        String base = more.matches() ? more.group(1) : location;
        String suffix = more.matches() ? more.group(2) : "";
        String[] elements = base.split("!/", -1);
        StringBuilder out = new StringBuilder();
        boolean inFiles = false;
        for (int i = 0; i < elements.length; i++) {
            String element = elements[i];
            if (i > 0) {
                out.append("!/");
            }
            if (element.startsWith(ATTACHMENT) || element.startsWith(ATTACHMENT_NAME)) {
                String prefix = element.startsWith(ATTACHMENT) ? ATTACHMENT : ATTACHMENT_NAME;
                out.append(prefix).append(maskedPath(element.substring(prefix.length())));
                inFiles = true;
            } else if (inFiles && !isNamelessKind(element)) {
                out.append(maskedPath(element));
            } else {
                out.append(element);
            }
        }
        return out.append(suffix).toString();
    }

    /** The kinds of location inside an attached mail that name no file. */
    private static boolean isNamelessKind(String element) {
        return element.equals("subject") || element.startsWith("body:") || element.startsWith("part:");
    }

    private static String maskedPath(String path) {
        if (path.startsWith("(unnamed ")) {
            return path; // "(unnamed application/pdf)": no name, only its type
        }
        String[] names = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(maskedName(names[i]));
        }
        return out.toString();
    }

    private static String maskedName(String name) {
        if (name.isEmpty()) {
            return name;
        }
        Matcher ext = EXTENSION.matcher(name);
        String extension = ext.find() && ext.start() > 0 ? ext.group() : "";
        int first = name.codePointAt(0);
        String head = Character.isDigit(first) ? "*" : new String(Character.toChars(first));
        return head + "***" + extension;
    }
}
