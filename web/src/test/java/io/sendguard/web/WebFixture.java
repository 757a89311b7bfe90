package io.sendguard.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;
import io.sendguard.hold.token.TokenAction;

/**
 * A real HoldService on temporary directories, Sendguard's web listener on a free port (real Spark/Jetty), users with
 * passwords, and an HTTP client that keeps cookies like a browser.
 */
final class WebFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2025-05-01T05:00:00Z");
    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";

    final TestClock clock = new TestClock(START);
    final HoldService service;
    final FileHoldStore store;
    final Web web;
    final SendguardWeb server;
    /** Users and their passwords (the James users repository of a real server). */
    final Map<String, String> users = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.net.CookieManager cookies = new java.net.CookieManager();
    private final HttpClient http;
    private final int port;

    /** @param more further keys of {@code sendguard.properties} (e.g. {@code page.text.footer}, {@code web.*}) */
    WebFixture(Path dir, String language, Map<String, String> more) {
        Properties properties = new Properties();
        more.forEach(properties::setProperty);
        properties.setProperty(HoldSettings.LINKS_SECRET, SECRET);
        properties.setProperty(HoldSettings.LINKS_TTL, "1h");
        properties.setProperty(HoldSettings.NOTICE_LANGUAGE, language);
        HoldSettings settings = HoldSettings.from(properties, "test");
        store = FileHoldStore.open(dir.resolve("store"), clock, false);
        ActionTokens tokens = new ActionTokens(settings.linkSecret(), clock,
            FileUsedNonceStore.open(dir.resolve("tokens"), clock));
        service = new HoldService(store, tokens, settings, clock);
        Properties webProperties = new Properties();
        webProperties.putAll(properties);
        webProperties.setProperty(WebSettings.HOST, "127.0.0.1");
        webProperties.setProperty(WebSettings.PORT, "1"); // replaced by a free port at start
        WebSettings webSettings = WebSettings.from(webProperties, "test", Path::of, Map.of());
        web = new Web(service, webSettings, SignInLinks.of(settings, webSettings, clock), (user, password) -> password != null && password.equals(users.get(user)),
            ZoneId.of("Asia/Tokyo"), domain -> domain.equals("example.com"),
            (finding, lang) -> ("ja".equals(lang) ? "所見: " : "Finding: ") + finding.ruleId() + " @ " + finding.location(),
            clock);
        server = new SendguardWeb(web).startOn(0);
        port = server.port();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static WebFixture of(Path dir, String language) {
        return new WebFixture(dir, language, Map.of());
    }

    @Override
    public void close() {
        server.close();
    }

    /** Forgets every cookie (another browser). */
    void newBrowser() {
        cookies.getCookieStore().removeAll();
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
            .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The CSRF token of the form in a page. */
    static String csrf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in:\n" + html);
        }
        return m.group(1);
    }

    /** Opens a page, then submits a form of it (to {@code action}) with its CSRF token and the given fields. */
    HttpResponse<String> submit(String page, String action, String fields) {
        HttpResponse<String> shown = get(page);
        String form = "csrf=" + encode(csrf(shown.body())) + (fields.isEmpty() ? "" : "&" + fields);
        return postForm(action, form);
    }

    /** Follows a notice link as a browser does: opens its page, then submits its form (with the page's CSRF token). */
    HttpResponse<String> postLink(String path, String fields) {
        HttpResponse<String> shown = get(path);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(shown.body());
        String form = m.find() ? "csrf=" + encode(m.group(1)) : "";
        if (!fields.isEmpty()) {
            form = form.isEmpty() ? fields : form + "&" + fields;
        }
        return postForm(path, form);
    }

    /** Signs in through the sign-in form; returns the answer to the POST. */
    HttpResponse<String> signIn(String user, String password) {
        return submit("/signin", "/signin", "user=" + encode(user) + "&password=" + encode(password));
    }

    // ---- mails

    HeldMail.Builder timed(String sender, String... recipients) {
        return HeldMail.builder().sender(sender).recipients(List.of(recipients)).subject("Quarterly report")
            .messageId("<m" + System.nanoTime() + "@example.com>").createdAt(clock.instant())
            .dueAt(clock.instant().plus(Duration.ofMinutes(5))).mode(HoldMode.TIMED).releaseProcessor("relay");
    }

    HeldMail.Builder approval(String sender, String... recipients) {
        return timed(sender, recipients).dueAt(null).mode(HoldMode.APPROVAL).approvers(List.of("boss@example.com"));
    }

    HeldMail hold(HeldMail.Builder builder) {
        return service.hold(builder.build(), new ByteArrayInputStream(
            "Subject: test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    HeldMail reload(HeldMail mail) {
        return store.get(mail.id()).orElseThrow();
    }

    /** The token of a link, as the notice mail would carry it. */
    String token(HeldMail mail, TokenAction action, String address) {
        String link = service.link(mail, action, address);
        return link.substring(link.lastIndexOf('/') + 1);
    }

    // ---- HTTP

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET with a cookie of the caller's choosing only (another browser, e.g. a forged session). */
    HttpResponse<String> getWithCookie(String path, String cookie) {
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            return bare.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> getWithHeader(String path, String name, String value) {
        return send(HttpRequest.newBuilder(uri(path)).header(name, value).GET());
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }


    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Test clock that only moves when told to. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
