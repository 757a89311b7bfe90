package io.sendguard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The words of the web listener's pages in one language ({@code io/sendguard/web/words/<lang>.properties}, UTF-8),
 * with the admin's replacements ({@code page.text.<name>}) on top. Plain text; pages escape them.
 */
final class Words {
    private static final Map<String, Map<String, String>> BUILT_IN = Map.of("ja", load("ja"), "en", load("en"));

    private final String lang;
    private final Map<String, String> words;

    private Words(String lang, Map<String, String> words) {
        this.lang = lang;
        this.words = words;
    }

    static Words of(String language, Map<String, String> replaced) {
        String lang = "en".equals(language) ? "en" : "ja";
        Map<String, String> words = new HashMap<>(BUILT_IN.get(lang));
        replaced.forEach((k, v) -> {
            if (words.containsKey(k)) {
                words.put(k, v);
            }
        });
        return new Words(lang, Collections.unmodifiableMap(words));
    }

    /** Every word of the language, for templates ({@code {{t.name}}}). */
    Map<String, String> all() {
        return words;
    }

    String get(String key, Object... args) {
        String pattern = words.get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no page word " + key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.forLanguageTag(lang)).format(args);
    }

    static Map<String, String> load(String lang) {
        String resource = "io/sendguard/web/words/" + lang + ".properties";
        try (InputStream in = Words.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new HashMap<>();
            p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
