package io.sendguard.inspection.extract;

import java.io.IOException;
import java.io.InputStream;

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

    /**
     * @param maxChars the text is wanted only up to this length
     * @return the body text, or null when it is longer than {@code maxChars}
     */
    public static String of(Part message, int maxChars) throws MessagingException, IOException {
        StringBuilder out = new StringBuilder();
        return collect(message, out, maxChars, 0) ? out.toString() : null;
    }

    /** false once the text is over {@code maxChars}. */
    private static boolean collect(Part part, StringBuilder out, int maxChars, int depth) throws MessagingException, IOException {
        String type = MailTextExtractor.baseType(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart) || depth > 20) {
                return true;
            }
            Multipart mp = (Multipart) content;
            boolean alternative = type.equals("multipart/alternative");
            Part plain = alternative ? firstOfType(mp, "text/plain") : null;
            for (int i = 0; i < mp.getCount(); i++) {
                Part child = mp.getBodyPart(i);
                if (plain != null && child != plain) {
                    continue;
                }
                if (!collect(child, out, maxChars, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
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
