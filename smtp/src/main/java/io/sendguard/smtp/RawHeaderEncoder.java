package io.sendguard.smtp;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.internet.AddressException;
import javax.mail.internet.ContentDisposition;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeUtility;
import javax.mail.internet.ParameterList;
import javax.mail.internet.ParseException;

import io.sendguard.inspection.extract.TextDecoding;

/**
 * Rewrites one top-level header field that carries raw (un-encoded) non-ASCII text into its 7-bit form:
 * RFC 2047 encoded words (UTF-8) for unstructured fields and display names, RFC 2231 for Content-Type and
 * Content-Disposition parameters.
 *
 * <p>Raw text means 8-bit bytes (UTF-8, Shift_JIS, EUC-JP: decoded by {@link TextDecoding#decodeHeader},
 * which detects the charset) or 7-bit ISO-2022-JP written with escape sequences instead of encoded words.
 * Without SMTPUTF8 (RFC 6531) such header text is not allowed, and James keeps it only until it first
 * rewrites the header block: it writes modified headers as US-ASCII, so every 8-bit character becomes
 * {@code '?'} (the mail's subject then reaches the recipient, and Sendguard's keyword check, as
 * {@code "???"}).
 *
 * <p>Fields whose syntax has no place for encoded text (Received, Message-ID, Date, References, ...),
 * address fields whose address itself is non-ASCII, fields that do not parse, and fields whose lines do
 * not end in CRLF (James rejects those itself) are left as they are.
 */
public final class RawHeaderEncoder {
    /** RFC 5322 section 2.1.1: lines are at most 998 characters plus CRLF. */
    private static final int MAX_LINE = 998;

    private static final Set<String> ADDRESS_FIELDS = Set.of(
        "from", "sender", "reply-to", "to", "cc", "bcc",
        "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc",
        "disposition-notification-to", "return-receipt-to", "errors-to", "mail-followup-to", "mail-reply-to");

    /** Structured fields with no room for encoded words: left alone. */
    private static final Set<String> LEFT_ALONE = Set.of(
        "received", "return-path", "message-id", "in-reply-to", "references", "date", "resent-date",
        "resent-message-id", "mime-version", "content-transfer-encoding", "content-id", "content-md5",
        "dkim-signature", "domainkey-signature", "arc-seal", "arc-message-signature",
        "arc-authentication-results", "authentication-results", "received-spf", "list-id", "list-unsubscribe",
        "list-post", "list-help", "list-subscribe", "list-owner", "list-archive");

    private RawHeaderEncoder() {
    }

    /** Whether the bytes hold raw text this class would encode: 8-bit bytes or an ISO-2022-JP escape. */
    public static boolean needsEncoding(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            byte b = line[i];
            if (b < 0) {
                return true;
            }
            if (b == 0x1B && i + 1 < line.length && (line[i + 1] == '$' || line[i + 1] == '(')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The 7-bit replacement for one header field.
     *
     * @param lines the field as received: its first line and its continuation lines, each with its CRLF
     * @return the replacement lines, each ending in CRLF; empty when the field is to be kept as it is
     */
    public static Optional<List<byte[]>> encode(List<byte[]> lines) {
        boolean raw = false;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            int n = line.length;
            if (n < 2 || line[n - 2] != '\r' || line[n - 1] != '\n') {
                return Optional.empty();
            }
            raw |= needsEncoding(line);
            joined.write(line, 0, n);
        }
        if (!raw) {
            return Optional.empty();
        }
        String field = new String(joined.toByteArray(), StandardCharsets.ISO_8859_1);
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String name = field.substring(0, colon);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return Optional.empty();
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (LEFT_ALONE.contains(lower) || lower.startsWith("arc-")) {
            return Optional.empty();
        }
        String rawValue = field.substring(colon + 1, field.length() - 2);
        String value = TextDecoding.decodeHeader(rawValue).trim();
        Optional<String> encoded;
        try {
            if (ADDRESS_FIELDS.contains(lower)) {
                encoded = addresses(name, value);
            } else if (lower.equals("content-type")) {
                ContentType type = new ContentType(value);
                type.setParameterList(rfc2231(type.getParameterList()));
                encoded = Optional.ofNullable(type.toString());
            } else if (lower.equals("content-disposition")) {
                ContentDisposition disposition = new ContentDisposition(value);
                disposition.setParameterList(rfc2231(disposition.getParameterList()));
                encoded = Optional.ofNullable(disposition.toString());
            } else {
                encoded = Optional.of(MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, "UTF-8", "B")));
            }
        } catch (ParseException | UnsupportedEncodingException | RuntimeException e) {
            return Optional.empty();
        }
        return encoded.flatMap(v -> toLines(name + ": " + v + "\r\n"));
    }

    private static Optional<String> addresses(String name, String value) throws AddressException,
        UnsupportedEncodingException {
        InternetAddress[] parsed = InternetAddress.parseHeader(value, false);
        if (parsed.length == 0) {
            return Optional.empty();
        }
        InternetAddress[] out = new InternetAddress[parsed.length];
        for (int i = 0; i < parsed.length; i++) {
            InternetAddress a = parsed[i];
            String address = a.getAddress();
            if (a.isGroup() || address == null || !isAscii(address)) {
                // A group's phrase, or an internationalized address (RFC 6532) that only SMTPUTF8 can carry.
                return Optional.empty();
            }
            String personal = a.getPersonal();
            out[i] = personal == null || personal.isEmpty()
                ? new InternetAddress(address)
                : new InternetAddress(address, personal, "UTF-8");
        }
        return Optional.of(InternetAddress.toString(out, name.length() + 2));
    }

    /** The same parameters, non-ASCII values set with a charset so that they are written as RFC 2231. */
    private static ParameterList rfc2231(ParameterList parameters) {
        ParameterList out = new ParameterList();
        if (parameters == null) {
            return out;
        }
        for (Enumeration<String> names = parameters.getNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            String value = parameters.get(name);
            if (isAscii(value)) {
                out.set(name, value);
            } else {
                out.set(name, value, "UTF-8");
            }
        }
        return out;
    }

    private static Optional<List<byte[]>> toLines(String field) {
        if (!isAscii(field)) {
            return Optional.empty();
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        while (start < field.length()) {
            int end = field.indexOf("\r\n", start);
            if (end < 0) {
                return Optional.empty();
            }
            if (end - start > MAX_LINE) {
                return Optional.empty();
            }
            lines.add(field.substring(start, end + 2).getBytes(StandardCharsets.US_ASCII));
            start = end + 2;
        }
        return Optional.of(lines);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c == 0x1B)) {
                return false;
            }
        }
        return true;
    }
}
