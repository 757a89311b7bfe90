package io.sendguard.webadmin;

import static io.sendguard.webadmin.HtmlEscaper.escape;

/**
 * A small HTML5 page: one {@code <h1>} in a {@code <main>}, then blocks appended in order. Every method
 * taking a {@code String} escapes it; only {@link #rawBlock} takes markup, which callers build from
 * escaped values.
 */
final class HtmlPage {
    private static final String STYLE = "body{font-family:system-ui,-apple-system,\"Hiragino Sans\",\"Yu Gothic UI\",Meiryo,sans-serif;"
        + "line-height:1.6;margin:0;padding:1rem;color:#1b1b1b;background:#f6f7f9}"
        + "main{max-width:40rem;margin:1rem auto;padding:1.5rem;background:#fff;border:1px solid #d0d4da;border-radius:8px}"
        + "h1{font-size:1.4rem;margin-top:0}"
        + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}"
        + "dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}"
        + "ul{margin:0;padding-left:1.2rem}"
        + "label{display:block;font-weight:bold;margin-top:1rem}"
        + "textarea{width:100%;box-sizing:border-box;font:inherit}"
        + "button{margin-top:1rem;font:inherit;font-size:1.05rem;padding:.6rem 1.4rem;border:0;border-radius:6px;"
        + "background:#0b57d0;color:#fff;cursor:pointer}"
        + "button.danger{background:#b3261e}"
        + "button:focus{outline:3px solid #ffbf47;outline-offset:2px}"
        + ".note{color:#444}"
        + "footer{margin-top:1.5rem;padding-top:.8rem;border-top:1px solid #d0d4da;font-size:.9rem}";

    private final String lang;
    private final String heading;
    private final StringBuilder blocks = new StringBuilder();
    private String footer = "";

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

    /** @param html markup whose dynamic parts the caller escaped */
    HtmlPage rawBlock(String html) {
        blocks.append(html).append('\n');
        return this;
    }

    /** Plain text shown below the blocks, line breaks kept; empty: no footer. */
    HtmlPage footer(String text) {
        this.footer = text == null ? "" : text;
        return this;
    }

    String render() {
        return "<!DOCTYPE html>\n"
            + "<html lang=\"" + escape(lang) + "\">\n"
            + "<head>\n"
            + "<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
            + "<meta name=\"referrer\" content=\"no-referrer\">\n"
            + "<title>" + escape(heading) + " - Sendguard</title>\n"
            + "<style>" + STYLE + "</style>\n"
            + "</head>\n"
            + "<body>\n"
            + "<main>\n"
            + "<h1>" + escape(heading) + "</h1>\n"
            + blocks
            + (footer.isBlank() ? "" : "<footer class=\"note\">" + escape(footer).replace("\r\n", "\n").replace("\n", "<br>\n") + "</footer>\n")
            + "</main>\n"
            + "</body>\n"
            + "</html>\n";
    }
}
