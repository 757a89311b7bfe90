package io.sendguard.web;

import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * The pages' Mustache templates ({@code io/sendguard/web/templates/*.mustache} in the jar). {@code {{value}}} is
 * HTML-escaped by Mustache: every value from a mail (subjects, names, file names, findings) and every admin text goes
 * in that way; the only unescaped slot, {@code {{{body}}}} of the layout, takes another template's output.
 */
public final class Templates {
    private static final String ROOT = "io/sendguard/web/templates/";
    /** Read through this class's loader: in James the drop-in jar has its own, which a thread's context loader is not. */
    private static final MustacheFactory FACTORY = new DefaultMustacheFactory(name -> {
        java.io.InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + name);
        return in == null ? null : new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8);
    });
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Templates() {
    }

    /** Renders {@code name.mustache} with the model (maps, lists, strings, booleans). */
    public static String render(String name, Object model) {
        Mustache mustache = COMPILED.computeIfAbsent(name, n -> FACTORY.compile(n + ".mustache"));
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }
}
