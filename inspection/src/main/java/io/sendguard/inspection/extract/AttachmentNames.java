package io.sendguard.inspection.extract;

import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimePart;

/**
 * The one decoding of attachment file names, used wherever a name is shown or judged (content inspection,
 * attachment policy, hold notices): the {@code filename} of the Content-Disposition, else the {@code name} of
 * the Content-Type, RFC 2231 decoded by javax.mail, then through {@link TextDecoding#decodeHeader}: RFC 2047
 * encoded words and raw 8-bit bytes (UTF-8, Shift_JIS, EUC-JP written unencoded into the header). Stateless.
 */
public final class AttachmentNames {
    private AttachmentNames() {
    }

    /** The decoded file name, or null when the part has none (or only blanks). Never throws. */
    public static String of(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            name = null;
        }
        if (name == null && part instanceof MimePart) {
            try {
                String ct = part.getContentType();
                if (ct != null) {
                    name = new ContentType(ct).getParameter("name");
                }
            } catch (MessagingException | RuntimeException e) {
                name = null;
            }
        }
        if (name == null) {
            return null;
        }
        name = TextDecoding.decodeHeader(name).trim();
        return name.isEmpty() ? null : name;
    }
}
