package io.sendguard.dkim.canon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Body canonicalization of RFC 6376 section 3.4.3 (simple) and 3.4.4 (relaxed), streaming its
 * output (typically into a {@link java.security.DigestOutputStream}).
 *
 * <p>Lines end with CRLF; a bare LF is accepted as a line end and written as CRLF. Trailing empty
 * lines are removed; an empty body canonicalizes to CRLF with {@code simple} and to nothing with
 * {@code relaxed}.</p>
 */
public final class BodyCanonicalizer {
    private static final byte[] CRLF = {'\r', '\n'};

    private BodyCanonicalizer() {
    }

    /**
     * Canonicalizes a body and writes the result.
     *
     * @param canonicalization the algorithm
     * @param body             buffer holding the body
     * @param offset           start of the body in the buffer
     * @param length           length of the body
     * @param out              receives the canonical body
     * @return the number of bytes written (the canonical body length, as used by {@code l=})
     * @throws IOException when writing fails
     */
    public static long canonicalize(Canonicalization canonicalization, byte[] body, int offset, int length,
                                    OutputStream out) throws IOException {
        Objects.requireNonNull(canonicalization, "canonicalization");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(offset, length, body.length);
        boolean relaxed = canonicalization == Canonicalization.RELAXED;
        int end = offset + length;
        int pos = offset;
        long pendingEmptyLines = 0;
        long written = 0;
        byte[] lineBuffer = new byte[256];
        while (pos < end) {
            int lf = indexOf(body, (byte) '\n', pos, end);
            int contentEnd;
            int next;
            if (lf < 0) {
                contentEnd = end;
                next = end;
            } else {
                contentEnd = (lf > pos && body[lf - 1] == '\r') ? lf - 1 : lf;
                next = lf + 1;
            }
            int lineLength;
            byte[] line;
            if (relaxed) {
                if (lineBuffer.length < contentEnd - pos) {
                    lineBuffer = new byte[contentEnd - pos];
                }
                lineLength = relaxLine(body, pos, contentEnd, lineBuffer);
                line = lineBuffer;
            } else {
                lineLength = contentEnd - pos;
                line = null;
            }
            if (lineLength == 0) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.write(CRLF);
                    written += 2;
                }
                if (relaxed) {
                    out.write(line, 0, lineLength);
                } else {
                    out.write(body, pos, lineLength);
                }
                out.write(CRLF);
                written += lineLength + 2L;
            }
            pos = next;
        }
        if (!relaxed && written == 0) {
            out.write(CRLF);
            written = 2;
        }
        return written;
    }

    /**
     * Convenience form returning the canonical body as bytes.
     *
     * @param canonicalization the algorithm
     * @param body             the body
     * @return the canonical body
     */
    public static byte[] canonicalize(Canonicalization canonicalization, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        try {
            canonicalize(canonicalization, body, 0, body.length, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reduces WSP runs to one SP and drops trailing WSP; returns the resulting length. */
    private static int relaxLine(byte[] src, int from, int to, byte[] dst) {
        int n = 0;
        boolean pendingWsp = false;
        for (int i = from; i < to; i++) {
            byte b = src[i];
            if (b == ' ' || b == '\t') {
                pendingWsp = true;
                continue;
            }
            if (pendingWsp) {
                dst[n++] = ' ';
                pendingWsp = false;
            }
            dst[n++] = b;
        }
        return n;
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
