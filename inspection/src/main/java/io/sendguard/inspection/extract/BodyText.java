package io.sendguard.inspection.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;

/**
 * The text a person reads in a mail's own body — its text/plain parts, or text/html made plain where a
 * multipart/alternative offers no text/plain — without attachments or attached mails, decoded in the declared
 * charset (see {@link TextDecoding}). Cheap (no Tika): for judging short mails, such as the password mail that
 * follows a password-protected attachment. Reading stops once the text is longer than asked for.
 */
public final class BodyText {
    private BodyText() {
    }

    /** Multiparts nested deeper than this are not read (no password mail is built like that). */
    static final int MAX_DEPTH = 20;

    /**
     * @param maxChars the text is wanted only up to this length
     * @return the body text, or null when it is longer than {@code maxChars}
     */
    public static String of(Part message, int maxChars) throws MessagingException, IOException {
        StringBuilder out = new StringBuilder();
        // depth first in document order from an explicit stack: no recursion on the mail's structure
        Deque<Part> todo = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        todo.push(message);
        depths.push(0);
        while (!todo.isEmpty()) {
            Part part = todo.pop();
            int depth = depths.pop();
            if (MailTextExtractor.baseType(part).startsWith("multipart/")) {
                List<Part> children = children(part, depth);
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(children.get(i));
                    depths.push(depth + 1);
                }
            } else if (!collect(part, out, maxChars)) {
                return null;
            }
        }
        return out.toString();
    }

    /** The parts of a multipart to read: only the text/plain one of a multipart/alternative that has one. */
    private static List<Part> children(Part part, int depth) throws MessagingException, IOException {
        Object content = part.getContent();
        if (!(content instanceof Multipart) || depth > MAX_DEPTH) {
            return List.of();
        }
        Multipart mp = (Multipart) content;
        Part plain = MailTextExtractor.baseType(part).equals("multipart/alternative") ? firstOfType(mp, "text/plain") : null;
        if (plain != null) {
            return List.of(plain);
        }
        List<Part> children = new ArrayList<>();
        for (int i = 0; i < mp.getCount(); i++) {
            children.add(mp.getBodyPart(i));
        }
        return children;
    }

    /** Appends the text of a single part; false once the text is over {@code maxChars}. */
    private static boolean collect(Part part, StringBuilder out, int maxChars) throws MessagingException, IOException {
        String type = MailTextExtractor.baseType(part);
        boolean attachment = AttachmentNames.of(part) != null
            || Part.ATTACHMENT.equalsIgnoreCase(MailTextExtractor.disposition(part));
        if (attachment || !(type.equals("text/plain") || type.equals("text/html"))) {
            return true;
        }
        byte[] bytes;
        long maxBytes = (long) maxChars * 4 + 4096;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            return false;
        }
        String text = TextDecoding.decode(bytes, MailTextExtractor.charset(part));
        if (type.equals("text/html")) {
            text = MailTextExtractor.htmlToText(text);
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(text);
        return out.length() <= maxChars;
    }

    private static Part firstOfType(Multipart mp, String type) throws MessagingException {
        for (int i = 0; i < mp.getCount(); i++) {
            if (MailTextExtractor.baseType(mp.getBodyPart(i)).equals(type)) {
                return mp.getBodyPart(i);
            }
        }
        return null;
    }
}
