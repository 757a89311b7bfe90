package io.sendguard.dkim.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 5322 message split into its header fields and its body, without copying the body.
 *
 * <p>The header section ends at the first empty line. Lines should end with CRLF; a bare LF in
 * the header section is accepted as a line end. A message without an empty line has an empty body.</p>
 */
public final class RawMessage {
    private final List<HeaderField> headers;
    private final byte[] buffer;
    private final int bodyOffset;

    private RawMessage(List<HeaderField> headers, byte[] buffer, int bodyOffset) {
        this.headers = headers;
        this.buffer = buffer;
        this.bodyOffset = bodyOffset;
    }

    /**
     * Parses a message. The array is not copied and must not be modified afterwards.
     *
     * @param message the message bytes
     * @return the parsed message
     * @throws MalformedMessageException when a header line is neither a field nor a continuation
     */
    public static RawMessage parse(byte[] message) throws MalformedMessageException {
        Objects.requireNonNull(message, "message");
        List<HeaderField> headers = new ArrayList<>();
        StringBuilder current = null;
        int pos = 0;
        int bodyOffset = message.length;
        int lineNumber = 0;
        while (pos < message.length) {
            lineNumber++;
            int lf = indexOf(message, pos);
            int contentEnd;
            int next;
            if (lf < 0) {
                contentEnd = message.length;
                next = message.length;
            } else {
                contentEnd = (lf > pos && message[lf - 1] == '\r') ? lf - 1 : lf;
                next = lf + 1;
            }
            if (contentEnd == pos) { // empty line: end of header section
                bodyOffset = next;
                break;
            }
            String line = new String(message, pos, contentEnd - pos, StandardCharsets.ISO_8859_1);
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (current == null) {
                    throw new MalformedMessageException("continuation line before the first header field (line "
                            + lineNumber + ")");
                }
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    headers.add(toField(current.toString(), lineNumber - 1));
                }
                if (line.indexOf(':') <= 0) {
                    throw new MalformedMessageException("header line " + lineNumber + " is not a header field");
                }
                current = new StringBuilder(line);
            }
            pos = next;
        }
        if (current != null) {
            headers.add(toField(current.toString(), lineNumber));
        }
        return new RawMessage(Collections.unmodifiableList(headers), message, Math.min(bodyOffset, message.length));
    }

    private static HeaderField toField(String raw, int lineNumber) throws MalformedMessageException {
        try {
            return HeaderField.of(raw);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("header line " + lineNumber + ": " + e.getMessage());
        }
    }

    private static int indexOf(byte[] buf, int from) {
        for (int i = from; i < buf.length; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** @return the header fields in message order (top first), unmodifiable */
    public List<HeaderField> headers() {
        return headers;
    }

    /** @return the backing buffer of the whole message (not a copy) */
    public byte[] buffer() {
        return buffer;
    }

    /** @return offset of the first body byte in {@link #buffer()} */
    public int bodyOffset() {
        return bodyOffset;
    }

    /** @return the body length in bytes */
    public int bodyLength() {
        return buffer.length - bodyOffset;
    }
}
