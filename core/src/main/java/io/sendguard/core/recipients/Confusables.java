package io.sendguard.core.recipients;

import io.sendguard.core.cache.RecentResults;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A confusables "skeleton" of a domain name (after UTS #39, with a small built-in table instead of
 * the Unicode data file): two domains that a reader can mistake for each other have the same
 * skeleton. The domain is punycode-decoded, NFKC-normalized (full-width letters become ASCII),
 * lower-cased; Cyrillic and Greek letters that look like Latin ones become those; {@code 0} becomes
 * {@code o}, {@code 1} becomes {@code l}, {@code rn} becomes {@code m} and {@code vv} becomes
 * {@code w}; dashes and dots of other scripts become {@code -} and {@code .}.
 */
public final class Confusables {
    private static final Map<Integer, String> TABLE = new HashMap<>();

    static {
        // Cyrillic
        map("а", "a"); map("в", "b"); map("ь", "b"); map("с", "c"); map("ԁ", "d"); map("е", "e"); map("ё", "e");
        map("һ", "h"); map("н", "h"); map("і", "i"); map("ї", "i"); map("ј", "j"); map("к", "k"); map("ӏ", "l");
        map("м", "m"); map("п", "n"); map("о", "o"); map("р", "p"); map("ԛ", "q"); map("г", "r"); map("ѕ", "s");
        map("т", "t"); map("ц", "u"); map("ѵ", "v"); map("ԝ", "w"); map("ш", "w"); map("х", "x"); map("у", "y");
        map("ү", "y"); map("з", "3"); map("б", "6");
        // Greek
        map("α", "a"); map("β", "b"); map("ϲ", "c"); map("ε", "e"); map("η", "n"); map("ι", "i"); map("ί", "i");
        map("κ", "k"); map("ν", "v"); map("ο", "o"); map("ό", "o"); map("ρ", "p"); map("τ", "t"); map("υ", "u");
        map("ύ", "u"); map("χ", "x"); map("γ", "y"); map("ω", "w"); map("μ", "u");
        // Latin look-alikes
        map("ı", "i"); map("ɩ", "i"); map("ɡ", "g"); map("ℓ", "l"); map("ǀ", "l"); map("ɑ", "a"); map("ɒ", "a");
        map("ȷ", "j"); map("ο", "o"); map("ø", "o"); map("đ", "d"); map("ħ", "h");
        // digits
        map("0", "o"); map("1", "l");
        // dashes and dots
        for (String dash : new String[] {"‐", "‑", "‒", "–", "—", "―", "−", "ー", "－"}) {
            map(dash, "-");
        }
        for (String dot : new String[] {"。", "．", "｡", "・"}) {
            map(dot, ".");
        }
    }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    private Confusables() {
    }

    static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void map(String from, String to) {
        TABLE.put(from.codePointAt(0), to);
    }

    /** The skeleton of a domain (ASCII/punycode or Unicode form). */
    public static String skeleton(String domain) {
        return domain.length() > 253 ? computeSkeleton(domain) : SKELETONS.get(domain, Confusables::computeSkeleton);
    }

    /** Skeletons of recently seen domains (every recipient of every mail is looked at, mostly the same domains). */
    private static final RecentResults<String, String> SKELETONS = new RecentResults<>(4096);

    private static String computeSkeleton(String domain) {
        String unicode = DomainNames.toUnicode(domain.trim().toLowerCase(Locale.ROOT));
        // ASCII (most domains, checked for every recipient of every mail): NFKC and NFD change nothing
        String folded = isAscii(unicode) ? unicode : Normalizer.normalize(unicode, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder mapped = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            String replacement = TABLE.get(cp);
            if (replacement != null) {
                mapped.append(replacement);
            } else {
                mapped.appendCodePoint(cp);
            }
        });
        // accents that stay after NFKC (é, ö...) are read past: compare base letters
        String withoutMarks = isAscii(mapped) ? mapped.toString()
            : MARKS.matcher(Normalizer.normalize(mapped, Normalizer.Form.NFD)).replaceAll("");
        return withoutMarks.replace("rn", "m").replace("vv", "w");
    }

    /** Whether two domains look alike by their characters (same skeleton) without being the same domain. */
    public static boolean confusable(String a, String b) {
        return !DomainNames.toUnicode(a).equals(DomainNames.toUnicode(b)) && skeleton(a).equals(skeleton(b));
    }
}
