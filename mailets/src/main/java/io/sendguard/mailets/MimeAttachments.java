package io.sendguard.mailets;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeUtility;

/** Walks a MIME tree and lists the parts a person would call attachments. */
final class MimeAttachments {
    private MimeAttachments() {
    }

    static List<Part> of(Part root) throws MessagingException, IOException {
        List<Part> result = new ArrayList<>();
        collect(root, result, true);
        return result;
    }

    private static void collect(Part part, List<Part> result, boolean isRoot) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart)) {
                throw new MessagingException("multipart part without a parseable body");
            }
            Multipart multipart = (Multipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), result, false);
            }
            return;
        }
        if (!isRoot && isAttachment(part)) {
            result.add(part);
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        if (fileName(part) != null) {
            return true;
        }
        String disposition = part.getDisposition();
        if (disposition != null && disposition.toLowerCase(Locale.ROOT).startsWith(Part.ATTACHMENT)) {
            return true;
        }
        return !part.isMimeType("text/plain") && !part.isMimeType("text/html");
    }

    /** The decoded file name (RFC 2231 by javax.mail, RFC 2047 here), or null. */
    static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null || !name.contains("=?")) {
            return name;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }
}
