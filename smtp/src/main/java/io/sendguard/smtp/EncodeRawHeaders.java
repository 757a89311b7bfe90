package io.sendguard.smtp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP DATA filter that turns raw (un-encoded) non-ASCII text in the top-level header fields of a mail
 * into RFC 2047 encoded words while the mail is received, before James stores or changes it.
 *
 * <p>Why: mail clients and scripts that send a raw UTF-8 (or Shift_JIS, EUC-JP, ISO-2022-JP) subject or
 * display name without SMTPUTF8 are common. James keeps those bytes only until it first rewrites the
 * header block, which it does as US-ASCII: every non-ASCII character becomes {@code '?'}. The subject
 * "社外秘 見積" would reach Sendguard's keyword check, the hold notices and the recipient as
 * "??? ??". This filter encodes such fields on the received bytes, so that the text survives and is
 * inspected; see {@link RawHeaderEncoder} for which fields and how. The body, MIME part headers and
 * 7-bit fields pass unchanged, byte for byte.
 *
 * <p>It goes in the {@code handlerchain} of every SMTP server in {@code smtpserver.xml}, <em>before</em>
 * {@code CoreCmdHandlerLoader} (DATA filters run in the order they are listed, and the core loader's
 * last filter stores the mail):
 * <pre>{@code
 * <handlerchain>
 *     <handler class="io.sendguard.smtp.EncodeRawHeaders"/>
 *     <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 * It takes no parameters. Each mail it changes is logged at INFO with the names of the fields.
 */
public class EncodeRawHeaders implements DataLineFilter {
    private static final Logger LOGGER = LoggerFactory.getLogger(EncodeRawHeaders.class);
    /** A field longer than this is passed on as it is (and James will mangle it) rather than buffered. */
    static final int MAX_FIELD_BYTES = 64 * 1024;

    private static final AttachmentKey<Progress> PROGRESS =
        AttachmentKey.of("io.sendguard.smtp.EncodeRawHeaders.progress", Progress.class);

    /** Where the current mail's DATA stands. One per SMTP transaction. */
    static final class Progress {
        boolean inBody;
        /** The lines of the field being read; empty between fields. */
        final List<byte[]> field = new ArrayList<>();
        int fieldBytes;
        /** The current field was too long and is being passed on as it is. */
        boolean passingField;
        final List<String> encodedFields = new ArrayList<>();
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        if (config == null) {
            return;
        }
        for (Iterator<String> keys = config.getKeys(); keys.hasNext();) {
            String key = keys.next();
            if (!key.startsWith("[@")) {
                throw new ConfigurationException("io.sendguard.smtp.EncodeRawHeaders takes no parameters; remove <"
                    + key + "> from its <handler> in smtpserver.xml");
            }
        }
    }

    @Override
    public void destroy() {
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Optional<Progress> existing = session.getAttachment(PROGRESS, State.Transaction);
        Progress progress;
        if (existing.isPresent()) {
            progress = existing.get();
        } else {
            progress = new Progress();
            session.setAttachment(PROGRESS, progress, State.Transaction);
        }
        return onLine(progress, line, l -> next.onLine(session, l), session);
    }

    /** The line handler downstream, as a function (for tests). */
    interface Next {
        Response onLine(byte[] line);
    }

    Response onLine(Progress progress, byte[] line, Next next, SMTPSession session) {
        if (progress.inBody) {
            return next.onLine(line);
        }
        if (isEndOfData(line)) {
            // A mail with no body: the header section ends here.
            Response response = flush(progress, next, session);
            progress.inBody = true;
            logEncoded(progress, session);
            return response != null ? response : next.onLine(line);
        }
        boolean continuation = line.length > 0 && (line[0] == ' ' || line[0] == '\t') && !isBlank(line);
        if (continuation) {
            if (progress.passingField || progress.field.isEmpty()) {
                return next.onLine(line);
            }
            progress.field.add(line);
            progress.fieldBytes += line.length;
            if (progress.fieldBytes > MAX_FIELD_BYTES) {
                progress.passingField = true;
                return passOn(progress.field, progress, next);
            }
            return null;
        }
        Response response = flush(progress, next, session);
        if (response != null) {
            return response;
        }
        progress.passingField = false;
        if (isBlank(line) || !startsField(line)) {
            // The blank line ends the header section; anything that is not a field starts the body.
            progress.inBody = true;
            logEncoded(progress, session);
            return next.onLine(line);
        }
        progress.field.add(line);
        progress.fieldBytes = line.length;
        return null;
    }

    private Response flush(Progress progress, Next next, SMTPSession session) {
        if (progress.field.isEmpty()) {
            return null;
        }
        Optional<List<byte[]>> encoded = RawHeaderEncoder.encode(progress.field);
        encoded.ifPresent(lines -> progress.encodedFields.add(fieldName(progress.field.get(0))));
        return passOn(encoded.orElse(progress.field), progress, next);
    }

    /** Passes the lines on (the current field's, or its replacement) and starts a new field. */
    private static Response passOn(List<byte[]> lines, Progress progress, Next next) {
        List<byte[]> toPass = new ArrayList<>(lines);
        progress.field.clear();
        progress.fieldBytes = 0;
        for (byte[] l : toPass) {
            Response response = next.onLine(l);
            if (response != null) {
                return response;
            }
        }
        return null;
    }

    private static void logEncoded(Progress progress, SMTPSession session) {
        if (!progress.encodedFields.isEmpty() && LOGGER.isInfoEnabled()) {
            Object sender = session == null ? "?" : session.getAttachment(SMTPSession.SENDER, State.Transaction)
                .map(MaybeSender::asString).orElse("<>");
            LOGGER.info("Encoded raw non-ASCII header text as RFC 2047 in a mail from {}: {}", sender,
                String.join(", ", progress.encodedFields));
        }
    }

    private static String fieldName(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] != ':') {
            i++;
        }
        return new String(line, 0, i, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isEndOfData(byte[] line) {
        return line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n';
    }

    private static boolean isBlank(byte[] line) {
        return (line.length == 2 && line[0] == '\r' && line[1] == '\n') || (line.length == 1 && line[0] == '\n');
    }

    /** A field's first line: a name of printable ASCII characters followed by a colon. */
    private static boolean startsField(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            byte b = line[i];
            if (b == ':') {
                return i > 0;
            }
            if (b <= ' ' || b >= 0x7f) {
                return false;
            }
        }
        return false;
    }
}
