package io.sendguard.web;

import static io.sendguard.web.HtmlEscaper.escape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of the web listener: the layout template ({@code layout.mustache}) around blocks appended in order. Every
 * method taking a {@code String} escapes it; {@link #rawBlock} takes markup that callers built from a template
 * ({@link Templates}) or from escaped values.
 */
final class HtmlPage {
    private final String lang;
    private final String heading;
    private final StringBuilder blocks = new StringBuilder();
    private String footer = "";
    private Map<String, String> nav;

    HtmlPage(String lang, String heading) {
        this.lang = lang;
        this.heading = heading;
    }

    HtmlPage paragraph(String text) {
        blocks.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage note(String text) {
        blocks.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** @param html markup whose dynamic parts the caller escaped (or a template rendered) */
    HtmlPage rawBlock(String html) {
        blocks.append(html).append('\n');
        return this;
    }

    /** A block rendered from a template with its model. */
    HtmlPage template(String name, Object model) {
        return rawBlock(Templates.render(name, model));
    }

    /** Plain text shown below the blocks, line breaks kept; empty: no footer. */
    HtmlPage footer(String text) {
        this.footer = text == null ? "" : text;
        return this;
    }

    /** The navigation of a signed-in person (names of the links, the user, the CSRF token of the sign-out form). */
    HtmlPage nav(Map<String, String> values) {
        this.nav = values;
        return this;
    }

    String render() {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", lang);
        model.put("heading", heading);
        model.put("body", blocks.toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        if (!footer.isBlank()) {
            for (String line : footer.replace("\r\n", "\n").split("\n")) {
                lines.add(Map.of("text", line, "first", lines.isEmpty()));
            }
        }
        model.put("footerLines", lines);
        model.put("hasFooter", !lines.isEmpty());
        if (nav != null) {
            model.put("nav", nav);
        }
        return Templates.render("layout", model);
    }
}
