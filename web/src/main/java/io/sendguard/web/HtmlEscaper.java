package io.sendguard.web;

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values: {@code &},
 * {@code <}, {@code >}, {@code "} and {@code '} become character references. Every value that did not
 * come from our own page templates goes through {@link #escape(String)}.
 */
public final class HtmlEscaper {
    private HtmlEscaper() {
    }

    /** @return the text with markup characters escaped; the empty string for null */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement;
            switch (c) {
                case '&': replacement = "&amp;"; break;
                case '<': replacement = "&lt;"; break;
                case '>': replacement = "&gt;"; break;
                case '"': replacement = "&quot;"; break;
                case '\'': replacement = "&#39;"; break;
                default: replacement = null;
            }
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            }
        }
        return out == null ? text : out.toString();
    }
}
