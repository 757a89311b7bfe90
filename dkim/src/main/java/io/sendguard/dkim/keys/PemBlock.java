package io.sendguard.dkim.keys;

import java.util.Base64;
import java.util.Optional;

/** One PEM block ({@code -----BEGIN label-----} ... {@code -----END label-----}) decoded to DER. */
final class PemBlock {
    private final String label;
    private final byte[] der;
    private final boolean hasHeaders;

    private PemBlock(String label, byte[] der, boolean hasHeaders) {
        this.label = label;
        this.der = der;
        this.hasHeaders = hasHeaders;
    }

    /**
     * Finds and decodes the first PEM block in a text.
     *
     * @param text the file content
     * @return the block, or empty when the text has no BEGIN line
     * @throws IllegalArgumentException when a block is present but malformed (message safe to show)
     */
    static Optional<PemBlock> parse(String text) {
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            return Optional.empty();
        }
        int labelStart = begin + "-----BEGIN ".length();
        int labelEnd = text.indexOf("-----", labelStart);
        if (labelEnd < 0) {
            throw new IllegalArgumentException("malformed PEM BEGIN line");
        }
        String label = text.substring(labelStart, labelEnd).trim();
        String endLine = "-----END " + label + "-----";
        int end = text.indexOf(endLine, labelEnd);
        if (end < 0) {
            throw new IllegalArgumentException("PEM block '" + label + "' has no END line");
        }
        String body = text.substring(labelEnd + 5, end);
        StringBuilder base64 = new StringBuilder(body.length());
        boolean headers = false;
        for (String line : body.split("\r?\n")) {
            String l = line.trim();
            if (l.indexOf(':') >= 0) {
                headers = true; // e.g. Proc-Type: 4,ENCRYPTED
            } else {
                base64.append(l);
            }
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64.toString());
            if (der.length == 0) {
                throw new IllegalArgumentException("PEM block '" + label + "' is empty");
            }
            return Optional.of(new PemBlock(label, der, headers));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block '" + label + "' is not valid base64");
        }
    }

    String label() {
        return label;
    }

    byte[] der() {
        return der;
    }

    boolean hasHeaders() {
        return hasHeaders;
    }
}
