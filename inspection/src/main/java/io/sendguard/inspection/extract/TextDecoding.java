package io.sendguard.inspection.extract;

import io.sendguard.core.cache.RecentResults;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes mail text bytes and headers with Japanese mail in mind. Stateless, thread-safe.
 *
 * <ul>
 *   <li>Charset labels are mapped to the superset Japanese mailers really use: {@code Shift_JIS} (and its
 *       aliases) → {@code windows-31j}, {@code ISO-2022-JP} → {@code x-windows-iso2022jp} (NEC/IBM
 *       extensions such as ① and ㈱), {@code EUC-JP} as is.</li>
 *   <li>A missing, unknown or wrong label is handled by detection: ISO-2022-JP escape sequences in 7-bit
 *       text, strict UTF-8 validity, then juniversalchardet (brought by Tika's text module); when it does not
 *       answer a Japanese charset, strict windows-31j / EUC-JP trials whose text looks Japanese come first
 *       (short Japanese text is often taken for Cyrillic or Latin).</li>
 *   <li>RFC 2047 encoded words ({@code =?ISO-2022-JP?B?...?=}) are decoded with the same mapping; adjacent
 *       encoded words in the same charset are joined <em>before</em> decoding, so a multi-byte character
 *       split across two words survives. Raw 8-bit header bytes (read by javax.mail as ISO-8859-1) are
 *       re-decoded by detection.</li>
 * </ul>
 */
public final class TextDecoding {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private TextDecoding() {
    }

    /** Labels seen recently and their charsets (mails repeat a handful of labels; a lookup costs more). */
    private static final RecentResults<String, java.util.Optional<Charset>> LABELS = new RecentResults<>(256);

    /** The Java charset for a MIME charset label, or {@code null} when unknown. */
    public static Charset charsetFor(String label) {
        if (label == null) {
            return null;
        }
        if (label.length() > 64) {
            return lookUp(label); // no charset label is that long: not worth keeping
        }
        return LABELS.get(label, l -> java.util.Optional.ofNullable(lookUp(l))).orElse(null);
    }

    private static Charset lookUp(String label) {
        String l = label.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        int star = l.indexOf('*'); // RFC 2231 language suffix: utf-8*ja
        if (star > 0) {
            l = l.substring(0, star);
        }
        if (l.isEmpty()) {
            return null;
        }
        switch (l) {
            case "shift_jis": case "shift-jis": case "sjis": case "x-sjis": case "ms_kanji": case "csshiftjis":
            case "cp932": case "ms932": case "windows-31j": case "x-ms-cp932":
                return forName("windows-31j");
            case "iso-2022-jp": case "csiso2022jp": case "iso-2022-jp-1": case "iso-2022-jp-2":
            case "iso-2022-jp-3": case "iso-2022-jp-ms":
                Charset ms = forName("x-windows-iso2022jp");
                return ms != null ? ms : forName("ISO-2022-JP");
            case "euc-jp": case "x-euc-jp": case "eucjp": case "cseucpkdfmtjapanese":
                return forName("EUC-JP");
            case "utf8":
                return StandardCharsets.UTF_8;
            default:
                return forName(l);
        }
    }

    private static Charset forName(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Decodes body bytes.
     *
     * @param declared the charset parameter of the Content-Type, or null
     */
    public static String decode(byte[] bytes, String declared) {
        if (bytes.length == 0) {
            return "";
        }
        Charset cs = charsetFor(declared);
        boolean ascii = isAscii(bytes);
        if (cs != null) {
            String name = cs.name().toLowerCase(Locale.ROOT);
            boolean weakLabel = name.equals("us-ascii") || name.equals("iso-8859-1") || name.equals("windows-1252");
            if (weakLabel) {
                if (ascii && hasIso2022Escape(bytes)) {
                    return decodeLenient(bytes, charsetFor("iso-2022-jp"));
                }
                if (!ascii) {
                    Charset detected = detect(bytes);
                    if (detected != null && isJapaneseOrUtf8(detected)) {
                        return decodeLenient(bytes, detected);
                    }
                }
                return decodeLenient(bytes, name.equals("us-ascii") ? StandardCharsets.ISO_8859_1 : cs);
            }
            String strict = decodeStrict(bytes, cs);
            if (strict != null) {
                return strict;
            }
            Charset detected = detect(bytes);
            if (detected != null && !detected.equals(cs)) {
                String other = decodeStrict(bytes, detected);
                if (other != null) {
                    return other;
                }
            }
            return decodeLenient(bytes, cs);
        }
        Charset detected = detect(bytes);
        return decodeLenient(bytes, detected != null ? detected : StandardCharsets.UTF_8);
    }

    private static boolean isJapaneseOrUtf8(Charset cs) {
        String n = cs.name().toLowerCase(Locale.ROOT);
        return n.equals("utf-8") || n.contains("jis") || n.contains("2022") || n.contains("euc") || n.contains("31j");
    }

    /**
     * Guesses the charset of unlabeled bytes; null when nothing fits. On a few words of Shift_JIS or EUC-JP
     * (a short CSV, a one-line note) the statistical detector often answers a Cyrillic or Latin charset; when
     * it does not answer a Japanese one, Shift_JIS and EUC-JP are tried first and win if their text looks
     * Japanese.
     */
    public static Charset detect(byte[] bytes) {
        if (isAscii(bytes)) {
            return hasIso2022Escape(bytes) ? charsetFor("iso-2022-jp") : StandardCharsets.US_ASCII;
        }
        if (decodeStrict(bytes, StandardCharsets.UTF_8) != null) {
            return StandardCharsets.UTF_8;
        }
        UniversalDetector detector = new UniversalDetector(null);
        detector.handleData(bytes, 0, Math.min(bytes.length, 256 * 1024));
        detector.dataEnd();
        Charset guessed = charsetFor(detector.getDetectedCharset());
        if (guessed == null || !isJapaneseOrUtf8(guessed)) {
            Charset japanese = japaneseLooking(bytes);
            if (japanese != null) {
                return japanese;
            }
        }
        if (guessed != null && decodeStrict(bytes, guessed) != null) {
            return guessed;
        }
        for (String candidate : new String[] {"windows-31j", "euc-jp"}) {
            Charset c = charsetFor(candidate);
            if (c != null && decodeStrict(bytes, c) != null) {
                return c;
            }
        }
        return guessed;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasIso2022Escape(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == 0x1B && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                return true;
            }
        }
        return false;
    }

    private static String decodeStrict(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException | RuntimeException e) {
            return null;
        }
    }

    private static String decodeLenient(byte[] bytes, Charset cs) {
        return new String(bytes, cs);
    }

    /** A line break that folds a header field. */
    private static final java.util.regex.Pattern FOLDING = java.util.regex.Pattern.compile("\r?\n[ \t]");

    /**
     * Decodes a raw (possibly folded) header value: unfolds it, re-decodes raw 8-bit bytes, and decodes
     * RFC 2047 encoded words. Never throws; undecodable words are left as they are.
     */
    public static String decodeHeader(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0 ? raw
            : FOLDING.matcher(raw).replaceAll(" ").replace("\r", "").replace("\n", "");
        boolean eightBit = false;
        boolean latin1Only = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f) {
                eightBit = true;
                if (c > 0xff) {
                    latin1Only = false;
                    break;
                }
            }
        }
        // Raw 8-bit bytes, or raw ISO-2022-JP (7-bit, but escape sequences instead of encoded words, as
        // some older Japanese mailers write it): re-decode the bytes.
        if (latin1Only && (eightBit || s.indexOf('\u001b') >= 0)) {
            s = decodeHeaderBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!s.contains("=?")) {
            return s;
        }
        return decodeEncodedWords(s);
    }

    /**
     * Decodes unlabeled header bytes. Header text is short, and on a few words of Shift_JIS or EUC-JP the
     * statistical detector often answers a Cyrillic or Latin charset; so after UTF-8 and ISO-2022-JP, the two
     * Japanese encodings are tried first, and the one whose text looks Japanese wins.
     */
    static String decodeHeaderBytes(byte[] bytes) {
        if (isAscii(bytes)) {
            return hasIso2022Escape(bytes) ? decodeLenient(bytes, charsetFor("iso-2022-jp"))
                : new String(bytes, StandardCharsets.US_ASCII);
        }
        String utf8 = decodeStrict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        Charset japanese = japaneseLooking(bytes);
        String text = japanese == null ? null : decodeStrict(bytes, japanese);
        return text != null ? text : decode(bytes, null);
    }

    /**
     * Shift_JIS (windows-31j) or EUC-JP, whichever decodes the bytes strictly into the more Japanese-looking
     * text (EUC-JP bytes are often valid Shift_JIS too, but then read as half-width katakana); null when
     * neither text looks Japanese.
     */
    private static Charset japaneseLooking(byte[] bytes) {
        Charset best = null;
        int bestScore = 0;
        for (String candidate : new String[] {"windows-31j", "euc-jp"}) {
            Charset c = charsetFor(candidate);
            String text = c == null ? null : decodeStrict(bytes, c);
            int score = text == null ? 0 : japaneseScore(text);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * How Japanese a text looks: full-width Japanese characters (kana, kanji, CJK punctuation, full-width
     * forms) count for, half-width katakana and other non-ASCII characters against; 0 when not Japanese.
     */
    private static int japaneseScore(String text) {
        int japanese = 0;
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            boolean fullWidth = (c >= 0x3000 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0xFF01 && c <= 0xFF5E);
            if (fullWidth) {
                japanese++;
            } else {
                other++;
            }
        }
        return japanese > other ? japanese - other : 0;
    }

    private static String decodeEncodedWords(String s) {
        Matcher m = ENCODED_WORD.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingEnd = 0;
        while (m.find()) {
            String between = s.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.trim().isEmpty();
            byte[] bytes = decodeWordBytes(m.group(2), m.group(3));
            String charset = m.group(1);
            if (bytes == null || charsetFor(charset) == null) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(s, last, m.end());
                last = m.end();
                continue;
            }
            if (adjacent && pendingCharset.equalsIgnoreCase(charset)) {
                pending.write(bytes, 0, bytes.length);
            } else {
                flush(out, pending, pendingCharset);
                if (!adjacent) {
                    out.append(between);
                }
                pendingCharset = charset;
                pending.write(bytes, 0, bytes.length);
            }
            last = m.end();
            pendingEnd = last;
        }
        flush(out, pending, pendingCharset);
        out.append(s, Math.max(last, pendingEnd), s.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (charset != null && pending.size() > 0) {
            Charset cs = charsetFor(charset);
            String strict = decodeStrict(pending.toByteArray(), cs);
            out.append(strict != null ? strict : decode(pending.toByteArray(), charset));
        }
        pending.reset();
    }

    private static byte[] decodeWordBytes(String encoding, String text) {
        try {
            if (encoding.equalsIgnoreCase("B")) {
                return Base64.getMimeDecoder().decode(text);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '_') {
                    out.write(' ');
                } else if (c == '=' && i + 2 < text.length() + 0 && i + 2 <= text.length() - 1) {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            return out.toByteArray();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
