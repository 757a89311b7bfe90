package io.sendguard.dkim;

import java.util.List;

/**
 * Lays out a {@code DKIM-Signature} header field with folding at tag and {@code h=} boundaries,
 * keeping lines within {@value #MAX_LINE} characters where possible. Package-private helper of
 * {@link DkimSigner}.
 */
final class SignatureHeaderWriter {
    static final String NAME = "DKIM-Signature";
    static final int MAX_LINE = 78;
    private static final String FOLD = "\r\n ";

    private final StringBuilder text = new StringBuilder(512).append(NAME).append(':');
    private int lineLength = text.length();
    private boolean firstTag = true;

    /** Appends {@code name=value;} (the semicolon is omitted for the final b= tag). */
    SignatureHeaderWriter tag(String name, String value) {
        int length = name.length() + value.length() + 2;
        breakBefore(length);
        text.append(name).append('=').append(value).append(';');
        lineLength += length;
        return this;
    }

    /** Appends the {@code h=} tag, folding between names when needed. */
    SignatureHeaderWriter headerList(List<String> names, SignatureOptions.HeaderListStyle style) {
        StringBuilder first = new StringBuilder("h=").append(names.get(0));
        if (names.size() == 1) {
            first.append(';');
        }
        appendToken(first.toString());
        for (int i = 1; i < names.size(); i++) {
            String name = names.get(i) + (i == names.size() - 1 ? ";" : "");
            text.append(style.beforeBreak());
            lineLength += style.beforeBreak().length();
            if (lineLength + style.afterBreak().length() + name.length() > MAX_LINE) {
                text.append(FOLD);
                lineLength = FOLD.length() - 2;
            } else {
                text.append(style.afterBreak());
                lineLength += style.afterBreak().length();
            }
            text.append(name);
            lineLength += name.length();
        }
        return this;
    }

    /** Appends the empty {@code b=} tag; returns the header text to sign (no trailing CRLF). */
    String unsignedHeader() {
        appendToken("b=");
        return text.toString();
    }

    /** Appends the base64 signature after the {@code b=} written by {@link #unsignedHeader()}. */
    String complete(String signatureBase64) {
        int pos = 0;
        while (pos < signatureBase64.length()) {
            int room = MAX_LINE - lineLength;
            if (room < 8) {
                text.append(FOLD);
                lineLength = 1;
                room = MAX_LINE - 1;
            }
            int end = Math.min(signatureBase64.length(), pos + room);
            text.append(signatureBase64, pos, end);
            lineLength += end - pos;
            pos = end;
        }
        return text.append("\r\n").toString();
    }

    private void appendToken(String token) {
        breakBefore(token.length());
        text.append(token);
        lineLength += token.length();
    }

    /** Folds, or writes a space, before a token of that length. */
    private void breakBefore(int tokenLength) {
        if (!firstTag && lineLength + 1 + tokenLength > MAX_LINE) {
            text.append(FOLD);
            lineLength = FOLD.length() - 2;
        } else {
            text.append(' ');
            lineLength++;
        }
        firstTag = false;
    }
}
