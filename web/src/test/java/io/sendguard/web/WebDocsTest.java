package io.sendguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every page of the web listener is in the README's table of pages, and every web.* key in its table of keys. */
class WebDocsTest {
    @TempDir
    Path dir;

    @Test
    void everyPathTheListenerServesShouldBeDocumented() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## The web listener for senders and approvers"),
            readme.indexOf("### Reverse proxy (nginx)"));
        try (WebFixture fixture = WebFixture.of(dir, "en")) {
            assertThat(fixture.server.paths()).hasSizeGreaterThan(10);
            for (String route : fixture.server.paths()) {
                String path = route.substring(route.indexOf(' ') + 1).replaceAll(":([a-z]+)", "{$1}");
                assertThat(section).as(route).contains("`" + route.substring(0, route.indexOf(' ')))
                    .containsPattern("`(GET/POST|GET|POST) " + java.util.regex.Pattern.quote(path) + "[`?]");
            }
        }
        for (String key : WebSettings.KEYS) {
            assertThat(section).as(key).contains("`" + key + "`");
        }
    }
}
