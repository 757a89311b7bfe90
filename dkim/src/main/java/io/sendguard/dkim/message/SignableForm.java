package io.sendguard.dkim.message;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The form of a message that every verifier reads the way the signer does (RFC 6376 §3.4 leaves no room for
 * interpretation on it), made before signing:
 *
 * <ul>
 * <li>line ends: a bare LF or a bare CR in the body becomes CRLF, as the SMTP client turns it on the wire (a
 * signature over the bare form would not survive sending); in the header section a bare LF ends the line and a
 * bare CR inside a field becomes a space (RFC 5322 allows CR and LF only together);</li>
 * <li>whitespace between a field name and its colon (obsolete syntax, {@code Subject : x}) is removed: relaxed
 * canonicalization deletes it anyway, while verifiers such as dkimpy refuse such a field outright;</li>
 * <li>continuation lines made of whitespace only are dropped: some parsers take them for the end of the header
 * section, and unfolding gives the same value without them.</li>
 * </ul>
 *
 * What cannot be made unambiguous is refused ({@link MalformedMessageException}): a field name with characters
 * outside RFC 5322's ftext (printable US-ASCII but colon: no space, control or 8-bit byte), an empty name, a header
 * line that is neither a field nor a continuation. The caller then sends the message unsigned rather than sign what
 * others read differently.
 */
public final class SignableForm {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private SignableForm() {
    }

    /**
     * @param message the message as it would be sent
     * @return the message in its signable form (the same array when nothing had to change)
     * @throws MalformedMessageException when the header section cannot be read unambiguously
     */
    public static byte[] of(byte[] message) throws MalformedMessageException {
        Objects.requireNonNull(message, "message");
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        int pos = 0;
        int lineNumber = 0;
        boolean inField = false;
        while (pos < message.length) {
            lineNumber++;
            int end = lineEnd(message, pos);
            int next = end < message.length && message[end] == CR && end + 1 < message.length && message[end + 1] == LF
                ? end + 2 : Math.min(end + 1, message.length);
            if (end == pos) {
                out.write(CR);
                out.write(LF);
                pos = next;
                writeBody(message, pos, out);
                return same(message, out.toByteArray());
            }
            byte[] line = Arrays.copyOfRange(message, pos, end);
            for (int i = 0; i < line.length; i++) {
                if (line[i] == CR) {
                    line[i] = ' ';
                }
            }
            if (line[0] == ' ' || line[0] == '\t') {
                if (!inField) {
                    throw new MalformedMessageException("continuation line before the first header field (line " + lineNumber + ")");
                }
                if (!isWhitespaceOnly(line)) {
                    out.write(line, 0, line.length);
                    out.write(CR);
                    out.write(LF);
                }
            } else {
                writeFieldStart(line, lineNumber, out);
                inField = true;
            }
            pos = next;
        }
        // no empty line: all headers, no body
        return same(message, out.toByteArray());
    }

    /** The end of the line starting at {@code from}: the index of its LF, or of a CR followed by LF. */
    private static int lineEnd(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == LF) {
                return i > from && message[i - 1] == CR ? i - 1 : i;
            }
        }
        return message.length;
    }

    private static void writeFieldStart(byte[] line, int lineNumber, ByteArrayOutputStream out) throws MalformedMessageException {
        int colon = -1;
        for (int i = 0; i < line.length && colon < 0; i++) {
            if (line[i] == ':') {
                colon = i;
            }
        }
        if (colon < 0) {
            throw new MalformedMessageException("header line " + lineNumber + " is not a header field");
        }
        int nameEnd = colon;
        while (nameEnd > 0 && (line[nameEnd - 1] == ' ' || line[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        if (nameEnd == 0) {
            throw new MalformedMessageException("header line " + lineNumber + " has an empty field name");
        }
        for (int i = 0; i < nameEnd; i++) {
            int b = line[i] & 0xff;
            if (b < 33 || b > 126) {
                throw new MalformedMessageException("header line " + lineNumber
                    + ": the field name has a character outside RFC 5322 ftext (0x" + Integer.toHexString(b) + ")");
            }
        }
        out.write(line, 0, nameEnd);
        out.write(line, colon, line.length - colon);
        out.write(CR);
        out.write(LF);
    }

    private static boolean isWhitespaceOnly(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The body with every bare CR and bare LF turned into CRLF (copied in runs: bodies are large). */
    private static void writeBody(byte[] message, int from, ByteArrayOutputStream out) {
        int run = from;
        for (int i = from; i < message.length; i++) {
            byte b = message[i];
            if (b == CR && i + 1 < message.length && message[i + 1] == LF) {
                i++;
            } else if (b == CR || b == LF) {
                out.write(message, run, i - run);
                out.write(CR);
                out.write(LF);
                run = i + 1;
            }
        }
        out.write(message, run, message.length - run);
    }

    private static byte[] same(byte[] original, byte[] result) {
        return Arrays.equals(original, result) ? original : result;
    }
}
