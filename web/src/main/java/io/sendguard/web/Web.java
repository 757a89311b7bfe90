package io.sendguard.web;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.sendguard.core.finding.Finding;
import io.sendguard.hold.service.HoldService;
import spark.Request;
import spark.Response;

/**
 * What every page of the web listener shares: the hold service, settings, sessions, throttling, sign-in, and the
 * request helpers (client address, language, cookies, CSRF, the security headers of every answer).
 */
public final class Web {
    static final String SESSION_COOKIE = "sg_session";
    /** Double-submit CSRF cookie of forms shown before sign-in (sign-in form, links from notices). */
    static final String CSRF_COOKIE = "sg_csrf";
    static final String CSRF_FIELD = "csrf";
    private static final String HTML = "text/html; charset=UTF-8";
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'";

    /** Words for one finding in a language (ja / en); plain text, escaped by the page. */
    @FunctionalInterface
    public interface FindingWords {
        String describe(Finding finding, String language);
    }

    final HoldService service;
    final WebSettings settings;
    final Sessions sessions;
    final RateLimiter limiter;
    final SignInLinks signInLinks;
    final Authenticator authenticator;
    final ZoneId zone;
    final Predicate<String> isLocalDomain;
    final FindingWords findingWords;
    final Clock clock;

    public Web(HoldService service, WebSettings settings, SignInLinks signInLinks, Authenticator authenticator, ZoneId zone,
               Predicate<String> isLocalDomain, FindingWords findingWords, Clock clock) {
        this.service = service;
        this.settings = settings;
        this.authenticator = authenticator;
        this.zone = zone;
        this.isLocalDomain = isLocalDomain;
        this.findingWords = findingWords;
        this.clock = clock;
        this.sessions = new Sessions(settings.sessionIdle(), settings.sessionMax(), clock);
        this.limiter = new RateLimiter(settings.rateAttempts(), settings.rateWindow(), clock);
        this.signInLinks = signInLinks;
    }

    public SignInLinks signInLinks() {
        return signInLinks;
    }

    public WebSettings settings() {
        return settings;
    }

    // ---- people

    /** The client's address: the peer, or behind a trusted proxy the last address of X-Forwarded-For. */
    String clientAddress(Request request) {
        if (settings.trustForwardedFor()) {
            String forwarded = request.headers("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return request.ip();
    }

    /** The signed-in person's session, if the cookie names a live one. */
    Optional<Sessions.Session> session(Request request) {
        return sessions.find(request.cookie(SESSION_COOKIE));
    }

    /** The browser's language among ja / en (Accept-Language, by weight), else the notices' language. */
    String language(Request request) {
        String header = request.headers("Accept-Language");
        if (header != null) {
            double best = -1;
            String chosen = null;
            for (String part : header.split(",")) {
                String[] fields = part.trim().split(";");
                String tag = fields[0].trim().toLowerCase(Locale.ROOT);
                double q = 1;
                for (int i = 1; i < fields.length; i++) {
                    String f = fields[i].trim();
                    if (f.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(f.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                String lang = tag.startsWith("ja") ? "ja" : tag.startsWith("en") ? "en" : null;
                if (lang != null && q > best) {
                    best = q;
                    chosen = lang;
                }
            }
            if (chosen != null) {
                return chosen;
            }
        }
        return "en".equals(service.settings().language()) ? "en" : "ja";
    }

    PageTexts texts(Request request) {
        return PageTexts.forLanguage(language(request), service.settings().pageTexts());
    }

    /** A page in the texts' language, with the admin's footer; with the navigation when signed in. */
    HtmlPage page(PageTexts t, String heading, Optional<Sessions.Session> session) {
        HtmlPage page = new HtmlPage(t.lang(), heading).footer(t.footer());
        session.ifPresent(s -> page.nav(Map.of("user", s.user(), "myMail", t.myMailHeading(),
            "approvals", t.approvalsHeading(), "signOut", t.signOut(), "csrf", s.csrf())));
        return page;
    }

    // ---- CSRF

    /**
     * The CSRF token the forms of this answer carry: the session's, or before sign-in a random one also set as a
     * cookie (double submit).
     */
    String csrfToken(Request request, Response response) {
        Optional<Sessions.Session> session = session(request);
        if (session.isPresent()) {
            return session.get().csrf();
        }
        String cookie = request.cookie(CSRF_COOKIE);
        if (cookie != null && cookie.length() >= 32 && cookie.length() <= 64) {
            return cookie;
        }
        String token = Sessions.randomToken();
        setCookie(response, CSRF_COOKIE, token, Duration.ofHours(12));
        return token;
    }

    /** Whether the form's token matches the session's (signed in) or the cookie's (before sign-in). */
    boolean csrfValid(Request request, Optional<Sessions.Session> session) {
        String sent = request.queryParams(CSRF_FIELD);
        if (sent == null || sent.isEmpty()) {
            return false;
        }
        String expected = session.map(Sessions.Session::csrf).orElse(request.cookie(CSRF_COOKIE));
        return expected != null && java.security.MessageDigest.isEqual(
            sent.getBytes(java.nio.charset.StandardCharsets.UTF_8), expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- cookies and answers

    /** HttpOnly, SameSite=Lax, Path=/, Secure under TLS; {@code maxAge} zero deletes it. */
    void setCookie(Response response, String name, String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value)
            .append("; Path=/; HttpOnly; SameSite=Lax; Max-Age=").append(maxAge.getSeconds());
        if (settings.tls() || settings.baseUrl().startsWith("https:")) {
            cookie.append("; Secure");
        }
        response.raw().addHeader("Set-Cookie", cookie.toString());
    }

    /** The security headers of every answer (no CORS header is ever sent). */
    static void secure(Response response) {
        response.header("Cache-Control", "no-store");
        response.header("Pragma", "no-cache");
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Content-Security-Policy", CSP);
    }

    static String send(Response response, int status, HtmlPage page) {
        response.status(status);
        response.type(HTML);
        secure(response);
        return page.render();
    }

    static String redirect(Response response, String path) {
        secure(response);
        response.status(303);
        response.header("Location", path);
        return "";
    }

    /** 429 with Retry-After (whole seconds, at least 1). */
    String tooMany(Response response, PageTexts t, Duration wait) {
        long seconds = Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
        response.header("Retry-After", Long.toString(seconds));
        return send(response, 429, page(t, t.tooManyHeading(), Optional.empty()).paragraph(t.tooManyText(seconds)));
    }

    /** Runs a page; any failure inside answers 503 with a "try again" page, never a stack trace. */
    Object guarded(Request request, Response response, spark.Route route) throws Exception {
        return io.sendguard.core.failsafe.Failsafe.call("web page " + request.requestMethod() + " " + request.pathInfo(),
            () -> route.handle(request, response), failure -> tryAgain(request, response));
    }

    String tryAgain(Request request, Response response) {
        PageTexts t;
        try {
            t = texts(request);
        } catch (RuntimeException e) {
            t = PageTexts.forLanguage("en", Map.of());
        }
        return send(response, 503, new HtmlPage(t.lang(), t.tryAgainHeading()).paragraph(t.tryAgainText()));
    }

    /** 403: the form's CSRF token is missing or wrong; nothing was done. */
    String csrfProblem(Request request, Response response) {
        PageTexts t = texts(request);
        return send(response, 403, page(t, t.word("csrfHeading"), session(request)).paragraph(t.word("csrfText")));
    }

    /** 400 naming what is wrong with the request. */
    String badRequest(Request request, Response response, String problem) {
        PageTexts t = texts(request);
        return send(response, 400, page(t, t.notPossibleHeading(), session(request)).paragraph(problem));
    }
}
