package io.sendguard.inspection.extract;

import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SAX handler collecting the plain text Tika emits, with a character budget shared by all documents of one
 * attachment and a deadline. Line breaks are added after block elements so words of adjacent cells or
 * paragraphs do not run together.
 */
final class CollectingHandler extends DefaultHandler {
    /** Thrown when the character budget is used up. */
    static final class LimitReachedException extends SAXException {
        private static final long serialVersionUID = 1L;

        LimitReachedException() {
            super("text limit reached");
        }
    }

    /** Character budget shared between handlers of one attachment. */
    static final class Budget {
        private long remaining;
        private boolean exhausted;

        Budget(long chars) {
            this.remaining = chars;
        }

        synchronized int take(int wanted) {
            int granted = (int) Math.min(wanted, remaining);
            remaining -= granted;
            if (granted < wanted) {
                exhausted = true;
            }
            return granted;
        }

        synchronized boolean exhausted() {
            return exhausted;
        }
    }

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "td", "th", "li", "h1", "h2", "h3",
        "h4", "h5", "h6", "table", "title", "pre", "blockquote", "section", "article", "dd", "dt");

    private final StringBuilder text = new StringBuilder();
    private final Budget budget;
    private final Deadline deadline;
    private boolean limitReached;

    CollectingHandler(Budget budget, Deadline deadline) {
        this.budget = budget;
        this.deadline = deadline;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (deadline.isExpired()) {
            throw new SAXException(new Deadline.ExceededException());
        }
        if (limitReached) {
            throw new LimitReachedException();
        }
        int granted = budget.take(length);
        text.append(ch, start, granted);
        if (granted < length) {
            limitReached = true;
            throw new LimitReachedException();
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        if (name != null && BLOCKS.contains(name.toLowerCase(Locale.ROOT)) && text.length() > 0
            && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        // nothing: text only
    }

    boolean limitReached() {
        return limitReached;
    }

    String text() {
        return text.toString();
    }
}
