package io.sendguard.dkim;

import io.sendguard.dkim.canon.BodyCanonicalizer;
import io.sendguard.dkim.canon.Canonicalization;
import io.sendguard.dkim.canon.HeaderCanonicalizer;
import io.sendguard.dkim.message.HeaderField;
import io.sendguard.dkim.message.MalformedMessageException;
import io.sendguard.dkim.message.RawMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the {@code DKIM-Signature} fields of a message against known signing keys (RFC 6376 section
 * 6.1.3 and RFC 8463), with our own private keys instead of DNS ({@link DkimPrivateKey#verify}): Sendguard
 * uses it to check, just before a mail leaves, that the bytes that will be sent still carry a valid
 * signature. It is not a general receiving verifier (no DNS, no policy); signatures by keys it does not
 * know are reported as such.
 *
 * <p>Thread-safe and stateless.</p>
 */
public final class DkimVerifier {

    /** The outcome for one signature field. */
    public static final class Result {
        private final String domain;
        private final String selector;
        private final boolean valid;
        private final String reason;

        Result(String domain, String selector, boolean valid, String reason) {
            this.domain = domain;
            this.selector = selector;
            this.valid = valid;
            this.reason = reason;
        }

        /** @return the {@code d=} of the signature, or "" when missing */
        public String domain() {
            return domain;
        }

        /** @return the {@code s=} of the signature, or "" when missing */
        public String selector() {
            return selector;
        }

        /** @return whether the signature verifies */
        public boolean isValid() {
            return valid;
        }

        /** @return "ok", or why not (no key, body hash mismatch, bad signature, malformed tag) */
        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return "d=" + domain + " s=" + selector + ": " + reason;
        }
    }

    /**
     * @param message the message as it will be sent
     * @param keys    the keys whose signatures can be checked (matched by {@code d=}, {@code s=} and algorithm)
     * @return one result per {@code DKIM-Signature} field, top to bottom; empty when there is none
     * @throws MalformedMessageException when the message has no header/body structure
     */
    public List<Result> verify(byte[] message, List<DkimSigningKey> keys) throws MalformedMessageException {
        RawMessage parsed = RawMessage.parse(message);
        List<Result> results = new ArrayList<>();
        for (HeaderField field : parsed.headers()) {
            if (field.hasName("dkim-signature")) {
                results.add(verifyOne(parsed, field, keys));
            }
        }
        return results;
    }

    private Result verifyOne(RawMessage message, HeaderField field, List<DkimSigningKey> keys) {
        Map<String, String> tags = tags(field.rawValue());
        String domain = tags.getOrDefault("d", "");
        String selector = tags.getOrDefault("s", "");
        for (String required : new String[] {"v", "a", "b", "bh", "d", "h", "s"}) {
            if (!tags.containsKey(required)) {
                return new Result(domain, selector, false, "missing tag " + required + "=");
            }
        }
        if (!tags.get("v").equals("1")) {
            return new Result(domain, selector, false, "unsupported v=" + tags.get("v"));
        }
        Optional<DkimSigningKey> key = keys.stream()
            .filter(k -> k.domain().equalsIgnoreCase(domain) && k.selector().equals(selector)
                && k.algorithm().tagValue().equalsIgnoreCase(tags.get("a")))
            .findFirst();
        if (key.isEmpty()) {
            return new Result(domain, selector, false, "no key for d=" + domain + " s=" + selector + " a=" + tags.get("a"));
        }
        String[] c = tags.getOrDefault("c", "simple/simple").split("/", -1);
        Optional<Canonicalization> headerCanon = Canonicalization.parse(c[0]);
        Optional<Canonicalization> bodyCanon = c.length > 1 ? Canonicalization.parse(c[1]) : Optional.of(Canonicalization.SIMPLE);
        if (c.length > 2 || headerCanon.isEmpty() || bodyCanon.isEmpty()) {
            return new Result(domain, selector, false, "unsupported c=" + tags.get("c"));
        }
        byte[] body = Arrays.copyOfRange(message.buffer(), message.bodyOffset(), message.bodyOffset() + message.bodyLength());
        byte[] canonicalBody = BodyCanonicalizer.canonicalize(bodyCanon.get(), body);
        int hashed = canonicalBody.length;
        if (tags.containsKey("l")) {
            try {
                long l = Long.parseLong(tags.get("l"));
                if (l < 0 || l > canonicalBody.length) {
                    return new Result(domain, selector, false, "l=" + l + " beyond the body");
                }
                hashed = (int) l;
            } catch (NumberFormatException e) {
                return new Result(domain, selector, false, "malformed l=");
            }
        }
        MessageDigest sha256 = sha256();
        sha256.update(canonicalBody, 0, hashed);
        if (!Base64.getEncoder().encodeToString(sha256.digest()).equals(tags.get("bh"))) {
            return new Result(domain, selector, false, "body hash mismatch (the body changed after signing)");
        }

        StringBuilder data = new StringBuilder();
        Map<String, Integer> used = new HashMap<>();
        List<HeaderField> headers = message.headers();
        for (String rawName : tags.get("h").split(":")) {
            String name = rawName.trim().toLowerCase(Locale.ROOT);
            // instances are taken from the bottom up; a name listed more often than present adds nothing
            int skip = used.merge(name, 1, Integer::sum) - 1;
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (headers.get(i).lowerCaseName().equals(name) && skip-- == 0) {
                    data.append(HeaderCanonicalizer.canonicalize(headerCanon.get(), headers.get(i))).append("\r\n");
                    break;
                }
            }
        }
        data.append(HeaderCanonicalizer.canonicalize(headerCanon.get(), withoutSignatureValue(field.raw())));
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(tags.get("b"));
        } catch (IllegalArgumentException e) {
            return new Result(domain, selector, false, "malformed b=");
        }
        boolean valid = key.get().privateKey().verify(data.toString().getBytes(StandardCharsets.ISO_8859_1), signature);
        return new Result(domain, selector, valid, valid ? "ok" : "signature does not verify (a signed header changed)");
    }

    /** The tag list; whitespace (FWS) removed from values, which is what b= and bh= need. */
    static Map<String, String> tags(String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String tagValue = withoutWhitespace(part, eq + 1);
            tags.putIfAbsent(name, tagValue);
        }
        return tags;
    }

    /** The text from {@code start} without spaces, tabs, CR and LF (no regex: this runs for every mail signed). */
    private static String withoutWhitespace(String text, int start) {
        StringBuilder out = new StringBuilder(text.length() - start);
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The field with the value of its b= tag (and the whitespace around it) removed (RFC 6376 3.7). */
    static String withoutSignatureValue(String rawField) {
        int colon = rawField.indexOf(':');
        int start = colon + 1;
        while (start <= rawField.length()) {
            int end = rawField.indexOf(';', start);
            int segmentEnd = end < 0 ? rawField.length() : end;
            String segment = rawField.substring(start, segmentEnd);
            int eq = segment.indexOf('=');
            if (eq >= 0 && segment.substring(0, eq).trim().equals("b")) {
                return rawField.substring(0, start + eq + 1) + rawField.substring(segmentEnd);
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return rawField;
    }

    /** One SHA-256 per thread (MessageDigest.getInstance looks the provider up on every call). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private static MessageDigest sha256() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest;
    }
}
