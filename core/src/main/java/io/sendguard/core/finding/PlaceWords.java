package io.sendguard.core.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's location in words, for {@link FindingWords}: {@code subject} is 件名 / "the subject",
 * {@code attachment:a.zip!/docs/b.exe} is 「添付ファイル a.zip 内の docs/b.exe」 / "the file docs/b.exe in the
 * attachment a.zip", {@code domain:x} is 「x」 / "the domain x", {@code body (+2 more)} is 「本文ほか 2 か所」 /
 * "the body (and 2 more places)". A location of a kind it does not know is shown as it is. Plain text: the caller
 * escapes it for HTML.
 */
final class PlaceWords {
    private static final Pattern MORE = Pattern.compile("^(.*?) \\(\\+(\\d+) more\\)$");
    private static final String ATTACHMENT = "attachment:";
    private static final String ATTACHMENT_NAME = "attachment-name:";

    /** The words of a place in one language; {@code endsWithName}: a name ends it (Japanese puts a space before a particle). */
    static final class Place {
        final String text;
        final boolean endsWithName;

        Place(String text, boolean endsWithName) {
            this.text = text;
            this.endsWithName = endsWithName;
        }

        /** Japanese: the place followed by a particle (「本文に」, 「添付ファイル a.pdf に」). */
        String then(String particle) {
            return text + (endsWithName ? " " : "") + particle;
        }

        /** English: the place at the start of a sentence. */
        String capitalized() {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }

    private PlaceWords() {
    }

    static Place japanese(String location) {
        Matcher more = MORE.matcher(location);
        if (more.matches()) {
            return new Place(japanese(more.group(1)).then("ほか " + more.group(2) + " か所"), false);
        }
        if (location.isEmpty() || location.equals("message")) {
            return new Place("このメール", false);
        }
        if (location.equals("envelope")) {
            return new Place("宛先", false);
        }
        if (location.startsWith("header:")) {
            return new Place("宛先欄（" + location.substring("header:".length()) + "）", false);
        }
        if (location.startsWith("domain:")) {
            return new Place(location.substring("domain:".length()), true);
        }
        if (location.startsWith("recipient:")) {
            return new Place("宛先 " + location.substring("recipient:".length()), true);
        }
        List<String> elements = elements(location);
        StringBuilder out = new StringBuilder();
        boolean name = false;
        for (int i = 0; i < elements.size(); i++) {
            String e = elements.get(i);
            boolean last = i == elements.size() - 1;
            if (i > 0) {
                out.append(name ? " " : "").append(isPath(e) ? "内の" : "の");
            }
            if (e.equals("subject")) {
                out.append("件名");
                name = false;
            } else if (e.equals("body") || e.startsWith("body:")) {
                out.append(e.equals("body:text/html") ? "本文（HTML）" : "本文");
                name = false;
            } else if (e.startsWith("part:")) {
                out.append("本文の一部（").append(e.substring("part:".length())).append("）");
                name = false;
            } else if (e.startsWith(ATTACHMENT_NAME)) {
                String file = e.substring(ATTACHMENT_NAME.length());
                out.append(last ? "添付ファイル名 " : "添付ファイル ").append(file);
                name = true;
            } else if (e.startsWith(ATTACHMENT)) {
                out.append("添付ファイル ").append(e.substring(ATTACHMENT.length()));
                name = true;
            } else if (i > 0) {
                out.append(last && elements.get(0).startsWith(ATTACHMENT_NAME) ? "ファイル名 " : " ").append(e);
                name = true;
            } else {
                return new Place(location, true);
            }
        }
        return new Place(out.toString(), name);
    }

    static Place english(String location) {
        Matcher more = MORE.matcher(location);
        if (more.matches()) {
            return new Place(english(more.group(1)).text + " (and " + more.group(2) + " more place"
                + ("1".equals(more.group(2)) ? "" : "s") + ")", false);
        }
        if (location.isEmpty() || location.equals("message")) {
            return new Place("the mail", false);
        }
        if (location.equals("envelope")) {
            return new Place("the recipients", false);
        }
        if (location.startsWith("header:")) {
            return new Place("the " + location.substring("header:".length()) + " header", false);
        }
        if (location.startsWith("domain:")) {
            return new Place("the domain " + location.substring("domain:".length()), true);
        }
        if (location.startsWith("recipient:")) {
            return new Place("the recipient " + location.substring("recipient:".length()), true);
        }
        List<String> elements = elements(location);
        List<String> phrases = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String e = elements.get(i);
            boolean last = i == elements.size() - 1;
            if (e.equals("subject")) {
                phrases.add("the subject");
            } else if (e.equals("body") || e.startsWith("body:")) {
                phrases.add(e.equals("body:text/html") ? "the HTML body" : "the body");
            } else if (e.startsWith("part:")) {
                phrases.add("a part of type " + e.substring("part:".length()));
            } else if (e.startsWith(ATTACHMENT_NAME)) {
                String file = e.substring(ATTACHMENT_NAME.length());
                phrases.add(last ? "the name of the attachment " + file : "the attachment " + file);
            } else if (e.startsWith(ATTACHMENT)) {
                phrases.add("the attachment " + e.substring(ATTACHMENT.length()));
            } else if (i > 0) {
                boolean nameOnly = last && elements.get(0).startsWith(ATTACHMENT_NAME);
                phrases.add(last ? (nameOnly ? "the name of the file " : "the file ") + e : e);
            } else {
                return new Place("“" + location + "”", true);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = phrases.size() - 1; i >= 0; i--) {
            out.append(phrases.get(i));
            if (i > 0) {
                out.append(" in ");
            }
        }
        return new Place(out.toString(), true);
    }

    /** {@code attachment:a.zip!/docs/b.exe} as its elements: {@code attachment:a.zip}, {@code docs/b.exe}. */
    private static List<String> elements(String location) {
        List<String> out = new ArrayList<>();
        for (String e : location.split("!/", -1)) {
            out.add(e);
        }
        return out;
    }

    /** An element naming a file inside an archive, not a kind of place inside an attached mail. */
    private static boolean isPath(String element) {
        return !element.equals("subject") && !element.equals("body") && !element.startsWith("body:")
            && !element.startsWith("part:") && !element.startsWith(ATTACHMENT) && !element.startsWith(ATTACHMENT_NAME);
    }
}
