package io.sendguard.inspection.extract;

import java.util.Objects;

/**
 * A piece of text taken from a mail, with where it came from. Locations:
 * <ul>
 *   <li>{@code subject}</li>
 *   <li>{@code body:text/plain}, {@code body:text/html}</li>
 *   <li>{@code attachment-name:見積書.xlsx} (the file name itself is text that can hold a keyword)</li>
 *   <li>{@code attachment:見積書.xlsx} (the attachment's extracted text)</li>
 *   <li>{@code attachment:archive.zip!/dir/report.docx} (a document inside an archive or other container;
 *       each nesting level adds {@code !/path})</li>
 *   <li>for a mail attached to the mail, the same locations prefixed with {@code attachment:fwd.eml!/}</li>
 * </ul>
 * Immutable.
 */
public final class TextSegment {
    private final String location;
    private final String text;

    private TextSegment(String location, String text) {
        this.location = Objects.requireNonNull(location, "location");
        this.text = text == null ? "" : text;
    }

    public static TextSegment of(String location, String text) {
        return new TextSegment(location, text);
    }

    public String location() {
        return location;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextSegment)) {
            return false;
        }
        TextSegment that = (TextSegment) o;
        return location.equals(that.location) && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, text);
    }

    @Override
    public String toString() {
        return location + " (" + text.length() + " chars)";
    }
}
