package io.sendguard.mailets;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;

import io.sendguard.inspection.extract.AttachmentNames;

/**
 * Walks a MIME tree and lists the parts a person would call attachments (their names: {@link AttachmentNames}),
 * depth first in document order from an explicit stack (no recursion on the mail's structure). Multiparts nested
 * deeper than {@link #MAX_DEPTH} are not opened: {@link #tooDeep()} says so, and the caller decides what that means.
 */
final class MimeAttachments {
    /** Far above any real mail (3 to 6 levels; forwards of forwards a few more), far below a stack overflow. */
    static final int MAX_DEPTH = 100;

    private final List<Part> parts;
    private final boolean tooDeep;

    private MimeAttachments(List<Part> parts, boolean tooDeep) {
        this.parts = parts;
        this.tooDeep = tooDeep;
    }

    static MimeAttachments of(Part root) throws MessagingException, IOException {
        List<Part> result = new ArrayList<>();
        boolean tooDeep = false;
        Deque<Part> todo = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        todo.push(root);
        depths.push(0);
        while (!todo.isEmpty()) {
            Part part = todo.pop();
            int depth = depths.pop();
            if (part.isMimeType("multipart/*")) {
                if (depth + 1 > MAX_DEPTH) {
                    tooDeep = true;
                    continue;
                }
                Multipart multipart = multipart(part);
                for (int i = multipart.getCount() - 1; i >= 0; i--) {
                    todo.push(multipart.getBodyPart(i));
                    depths.push(depth + 1);
                }
            } else if (part != root && isAttachment(part)) {
                result.add(part);
            }
        }
        return new MimeAttachments(List.copyOf(result), tooDeep);
    }

    /** The attachments, in document order. */
    List<Part> parts() {
        return parts;
    }

    /** Whether some multiparts were nested too deeply to be opened (their attachments are not listed). */
    boolean tooDeep() {
        return tooDeep;
    }

    private static Multipart multipart(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (!(content instanceof Multipart)) {
            throw new MessagingException("multipart part without a parseable body");
        }
        return (Multipart) content;
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
