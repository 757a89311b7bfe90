package io.sendguard.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;

import io.sendguard.inspection.extract.AttachmentNames;

/** Walks a MIME tree and lists the parts a person would call attachments (their names: {@link AttachmentNames}). */
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
        if (AttachmentNames.of(part) != null) {
            return true;
        }
        String disposition = part.getDisposition();
        if (disposition != null && disposition.toLowerCase(Locale.ROOT).startsWith(Part.ATTACHMENT)) {
            return true;
        }
        return !part.isMimeType("text/plain") && !part.isMimeType("text/html");
    }
}
