package io.sendguard.webadmin;

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
import java.util.function.Function;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;
import io.sendguard.hold.token.TokenAction;
import spark.Service;

/** A real HoldService on temporary directories, routes on a real Spark server, and an HTTP client. */
final class HoldFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2025-05-01T05:00:00Z");
    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";

    final TestClock clock = new TestClock(START);
    final HoldService service;
    final FileHoldStore store;
    final Service spark;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    HoldFixture(Path dir, String language, Function<HoldService, List<Routes>> routes) {
        this(dir, language, Map.of(), routes);
    }

    /** @param more further keys of {@code sendguard.properties} (e.g. {@code page.text.footer}) */
    HoldFixture(Path dir, String language, Map<String, String> more, Function<HoldService, List<Routes>> routes) {
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
        spark = Service.ignite().port(0);
        for (Routes r : routes.apply(service)) {
            r.define(spark);
        }
        spark.awaitInitialization();
        port = spark.port();
    }

    static HoldFixture withAdminRoutes(Path dir) {
        return new HoldFixture(dir, "en", s -> List.of(new HoldRoutes(s, new JsonTransformer())));
    }

    @Override
    public void close() {
        spark.stop();
        spark.awaitStop();
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

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
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
