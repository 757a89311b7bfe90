package io.sendguard.e2e.harness;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** Decodes a raw message the way a reader sees it: subject and all text parts, decoded. */
public final class MailText {
    private MailText() {
    }

    public static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MimeMessage parse(String raw) {
        return parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Subject plus every decoded text/* part, separated by newlines. */
    public static String readable(String raw) {
        try {
            MimeMessage message = parse(raw);
            StringBuilder out = new StringBuilder();
            out.append(message.getSubject()).append('\n');
            collect(message, out);
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, StringBuilder out) throws Exception {
        if (part.isMimeType("text/*")) {
            out.append(part.getContent()).append('\n');
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, out);
            }
        }
    }
}
