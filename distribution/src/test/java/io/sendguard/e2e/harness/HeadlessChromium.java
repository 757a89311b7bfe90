package io.sendguard.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol: open a page
 * as a person would, read what it shows, press its button, take a screenshot. Fails (does not skip)
 * when Chromium is missing: install it with {@code apt-get install chromium}.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final String BINARY = "/usr/bin/chromium";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket, Listener listener) {
        this.process = process;
        this.socket = socket;
        listener.owner = this;
    }

    /** A browser whose language is Japanese (Accept-Language: ja), as the staff of a Japanese office have. */
    public static HeadlessChromium start(Path profile) throws Exception {
        return start(profile, "ja");
    }

    /** @param language the browser's language (its Accept-Language), e.g. {@code ja} or {@code en-US} */
    public static HeadlessChromium start(Path profile, String language) throws Exception {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError(BINARY + " not found: install Debian's chromium (apt-get install chromium)");
        }
        Process process = new ProcessBuilder(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--lang=" + language, "--accept-lang=" + language, "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            "--user-data-dir=" + profile, "about:blank")
            .redirectErrorStream(true).start();
        String browserUrl = null;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Pattern pattern = Pattern.compile("DevTools listening on (ws://\\S+)");
        while (browserUrl == null && System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                browserUrl = m.group(1);
            }
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not start its DevTools endpoint");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException e) {
                // closed
            }
        }, "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
            URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/new?about:blank"))
            .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String pageSocket = JSON.readTree(page.body()).get("webSocketDebuggerUrl").asText();
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).get(30, TimeUnit.SECONDS);
        HeadlessChromium chromium = new HeadlessChromium(process, socket, listener);
        chromium.call("Page.enable", JSON.createObjectNode());
        return chromium;
    }

    /** Opens a URL (a GET, like clicking a link in a mail) and waits until the page is loaded. */
    public void open(String url) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("url", url);
        call("Page.navigate", params);
        awaitLoaded();
    }

    /** The text a person sees on the page. */
    public String text() throws Exception {
        return evaluate("document.body ? document.body.innerText : ''");
    }

    public String html() throws Exception {
        return evaluate("document.documentElement.outerHTML");
    }

    /** Types into the form field with that name. */
    public void type(String fieldName, String value) throws Exception {
        evaluate("(function(){var f=document.getElementsByName(" + JSON.writeValueAsString(fieldName) + ")[0];"
            + "f.focus(); f.value=" + JSON.writeValueAsString(value) + "; return 'ok';})()");
    }

    /** Ticks the checkbox with that name and value (a person clicking it). */
    public void tick(String fieldName, String value) throws Exception {
        String found = evaluate("(function(){var boxes=document.getElementsByName(" + JSON.writeValueAsString(fieldName) + ");"
            + "for (var i=0;i<boxes.length;i++){ if (boxes[i].value===" + JSON.writeValueAsString(value) + "){"
            + " if (!boxes[i].checked) { boxes[i].click(); } return 'ok'; } } return 'missing';})()");
        if (!"ok".equals(found)) {
            throw new AssertionError("no checkbox " + fieldName + "=" + value + " on the page:\n" + text());
        }
    }

    /** Types into the first field with that name inside the form whose button says {@code buttonText}. */
    public void typeInForm(String buttonText, String fieldName, String value) throws Exception {
        String done = evaluate("(function(){var bs=document.querySelectorAll('button');"
            + "for (var i=0;i<bs.length;i++){ if (bs[i].innerText.indexOf(" + JSON.writeValueAsString(buttonText) + ")>=0){"
            + " var f=bs[i].form.querySelector('[name=' + " + JSON.writeValueAsString(JSON.writeValueAsString(fieldName)) + " + ']');"
            + " if (!f) return 'missing'; f.value=" + JSON.writeValueAsString(value) + "; return 'ok'; } } return 'missing';})()");
        if (!"ok".equals(done)) {
            throw new AssertionError("no field " + fieldName + " in the form of '" + buttonText + "':\n" + text());
        }
    }

    /** Presses the button that says {@code buttonText} and waits for the page that answers. */
    public void pressButton(String buttonText) throws Exception {
        String before = evaluate("String(performance.timeOrigin)");
        String pressed = evaluate("(function(){var bs=document.querySelectorAll('button');"
            + "for (var i=0;i<bs.length;i++){ if (bs[i].innerText.indexOf(" + JSON.writeValueAsString(buttonText) + ")>=0){"
            + " bs[i].click(); return 'ok'; } } return 'missing';})()");
        if (!"ok".equals(pressed)) {
            throw new AssertionError("no button '" + buttonText + "' on the page:\n" + text());
        }
        awaitNewPage(before);
    }

    /** The page's address now (after redirects). */
    public String url() throws Exception {
        return evaluate("location.href");
    }

    /** The browser's cookies as "name=value; flags" lines (Network.getAllCookies), to check their flags. */
    public String cookies() throws Exception {
        JsonNode result = call("Network.getAllCookies", JSON.createObjectNode());
        StringBuilder out = new StringBuilder();
        for (JsonNode c : result.path("cookies")) {
            out.append(c.path("name").asText()).append("=").append(c.path("value").asText())
                .append("; httpOnly=").append(c.path("httpOnly").asBoolean())
                .append("; sameSite=").append(c.path("sameSite").asText())
                .append("; secure=").append(c.path("secure").asBoolean()).append('\n');
        }
        return out.toString();
    }

    /** Presses the page's submit button and waits for the page that answers. */
    public void pressButton() throws Exception {
        String before = evaluate("String(performance.timeOrigin)");
        evaluate("(function(){document.querySelector('button[type=submit], button').click(); return 'ok';})()");
        awaitNewPage(before);
    }

    private void awaitNewPage(String before) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return !before.equals(evaluate("String(performance.timeOrigin)"))
                    && "complete".equals(evaluate("document.readyState"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    public void screenshot(Path file) throws Exception {
        JsonNode result = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
    }

    private void awaitLoaded() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return "complete".equals(evaluate("document.readyState")) && !"about:blank".equals(evaluate("location.href"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    private String evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("expression", expression);
        params.put("returnByValue", true);
        JsonNode result = call("Runtime.evaluate", params);
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        private HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(buffer.toString());
                    if (message.has("id") && owner != null) {
                        CompletableFuture<JsonNode> future = owner.pending.remove(message.get("id").asInt());
                        if (future != null) {
                            future.complete(message);
                        }
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
                buffer.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
