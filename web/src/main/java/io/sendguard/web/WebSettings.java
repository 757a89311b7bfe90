package io.sendguard.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.sendguard.hold.service.Durations;

/**
 * The {@code web.*} keys of {@code conf/sendguard.properties}: where Sendguard's own listener for senders and
 * approvers listens, how it is reached, and its session and throttling limits. An unknown {@code web.} key or a bad
 * value fails startup naming the file and the key.
 *
 * <table>
 * <caption>keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>web.enabled</td><td>true</td><td>start the listener</td></tr>
 * <tr><td>web.host</td><td>127.0.0.1</td><td>address to listen on</td></tr>
 * <tr><td>web.port</td><td>8025</td><td>port</td></tr>
 * <tr><td>web.baseUrl</td><td>from host and port</td><td>the URL people's browsers use (behind a reverse proxy: the proxy's)</td></tr>
 * <tr><td>web.tls.keystore</td><td>(none)</td><td>PKCS#12 key store: serve HTTPS</td></tr>
 * <tr><td>web.tls.password</td><td>(none)</td><td>its password (or the environment variable SENDGUARD_WEB_TLS_PASSWORD)</td></tr>
 * <tr><td>web.session.idle</td><td>30m</td><td>a session unused this long ends</td></tr>
 * <tr><td>web.session.max</td><td>8h</td><td>a session ends this long after sign-in, used or not</td></tr>
 * <tr><td>web.signIn.linkTtl</td><td>7d</td><td>how long the sign-in link of a notice works</td></tr>
 * <tr><td>web.rateLimit.attempts</td><td>10</td><td>sign-in and link attempts per client address ...</td></tr>
 * <tr><td>web.rateLimit.window</td><td>5m</td><td>... in this window (then 429 with Retry-After)</td></tr>
 * <tr><td>web.trustForwardedFor</td><td>false</td><td>take the client address from X-Forwarded-For (behind a proxy)</td></tr>
 * </table>
 */
public final class WebSettings {
    public static final String PREFIX = "web.";
    public static final String ENABLED = "web.enabled";
    public static final String HOST = "web.host";
    public static final String PORT = "web.port";
    public static final String BASE_URL = "web.baseUrl";
    /** The old spelling of {@link #BASE_URL}, still accepted. */
    public static final String OLD_BASE_URL = "links.baseUrl";
    public static final String TLS_KEYSTORE = "web.tls.keystore";
    public static final String TLS_PASSWORD = "web.tls.password";
    public static final String TLS_PASSWORD_ENV = "SENDGUARD_WEB_TLS_PASSWORD";
    public static final String SESSION_IDLE = "web.session.idle";
    public static final String SESSION_MAX = "web.session.max";
    public static final String SIGN_IN_LINK_TTL = "web.signIn.linkTtl";
    public static final String RATE_ATTEMPTS = "web.rateLimit.attempts";
    public static final String RATE_WINDOW = "web.rateLimit.window";
    public static final String TRUST_FORWARDED_FOR = "web.trustForwardedFor";
    public static final Set<String> KEYS = Set.of(ENABLED, HOST, PORT, BASE_URL, TLS_KEYSTORE, TLS_PASSWORD, SESSION_IDLE,
        SESSION_MAX, SIGN_IN_LINK_TTL, RATE_ATTEMPTS, RATE_WINDOW, TRUST_FORWARDED_FOR);

    private final boolean enabled;
    private final String host;
    private final int port;
    private final String baseUrl;
    private final Optional<Path> keystore;
    private final String keystorePassword;
    private final Duration sessionIdle;
    private final Duration sessionMax;
    private final Duration signInLinkTtl;
    private final int rateAttempts;
    private final Duration rateWindow;
    private final boolean trustForwardedFor;

    private WebSettings(Builder b) {
        this.enabled = b.enabled;
        this.host = b.host;
        this.port = b.port;
        this.baseUrl = b.baseUrl;
        this.keystore = b.keystore;
        this.keystorePassword = b.keystorePassword;
        this.sessionIdle = b.sessionIdle;
        this.sessionMax = b.sessionMax;
        this.signInLinkTtl = b.signInLinkTtl;
        this.rateAttempts = b.rateAttempts;
        this.rateWindow = b.rateWindow;
        this.trustForwardedFor = b.trustForwardedFor;
    }

    /**
     * @param source  the file, named in errors
     * @param resolve turns a relative key store path into one under James's working directory
     * @param env     the environment (for {@link #TLS_PASSWORD_ENV})
     * @throws IllegalArgumentException naming the file and the key
     */
    public static WebSettings from(Properties properties, String source, Function<String, Path> resolve,
                                   Map<String, String> env) {
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown key(s) " + unknown + "; the web listener's keys are "
                + new TreeSet<>(KEYS));
        }
        Builder b = new Builder();
        b.enabled = bool(properties, ENABLED, true, source);
        b.host = properties.getProperty(HOST, "127.0.0.1").trim();
        if (b.host.isEmpty()) {
            throw new IllegalArgumentException(source + ": invalid " + HOST + ": empty");
        }
        b.port = integer(properties, PORT, 8025, 1, 65535, source);
        String keystore = properties.getProperty(TLS_KEYSTORE, "").trim();
        if (!keystore.isEmpty()) {
            Path path = resolve.apply(keystore);
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException(source + ": invalid " + TLS_KEYSTORE + ": cannot read " + path);
            }
            b.keystore = Optional.of(path);
            String password = properties.getProperty(TLS_PASSWORD);
            if (password == null) {
                password = env.get(TLS_PASSWORD_ENV);
            }
            if (password == null) {
                throw new IllegalArgumentException(source + ": " + TLS_KEYSTORE + " needs " + TLS_PASSWORD
                    + " (or the environment variable " + TLS_PASSWORD_ENV + ")");
            }
            b.keystorePassword = password;
        }
        String configured = properties.getProperty(BASE_URL, properties.getProperty(OLD_BASE_URL, "")).trim();
        String key = properties.getProperty(BASE_URL) != null ? BASE_URL : OLD_BASE_URL;
        b.baseUrl = configured.isEmpty() ? derivedBaseUrl(b.host, b.port, b.keystore.isPresent())
            : checkedUrl(configured, source, key);
        b.sessionIdle = positive(properties, SESSION_IDLE, "30m", source);
        b.sessionMax = positive(properties, SESSION_MAX, "8h", source);
        if (b.sessionIdle.compareTo(b.sessionMax) > 0) {
            throw new IllegalArgumentException(source + ": invalid " + SESSION_IDLE + ": longer than " + SESSION_MAX);
        }
        b.signInLinkTtl = positive(properties, SIGN_IN_LINK_TTL, "7d", source);
        b.rateAttempts = integer(properties, RATE_ATTEMPTS, 10, 1, 100_000, source);
        b.rateWindow = positive(properties, RATE_WINDOW, "5m", source);
        b.trustForwardedFor = bool(properties, TRUST_FORWARDED_FOR, false, source);
        return new WebSettings(b);
    }

    /** Settings for tests: everything default but host, port and base URL. */
    public static WebSettings forTest(String host, int port) {
        Properties p = new Properties();
        p.setProperty(HOST, host);
        p.setProperty(PORT, Integer.toString(port));
        return from(p, "test", Path::of, Map.of());
    }

    /** A copy with other rate limits (tests). */
    public WebSettings withRateLimit(int attempts, Duration window) {
        Builder b = new Builder(this);
        b.rateAttempts = attempts;
        b.rateWindow = window;
        return new WebSettings(b);
    }

    /** A copy with other session limits (tests). */
    public WebSettings withSessions(Duration idle, Duration max) {
        Builder b = new Builder(this);
        b.sessionIdle = idle;
        b.sessionMax = max;
        return new WebSettings(b);
    }

    static String derivedBaseUrl(String host, int port, boolean tls) {
        String h = host;
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
            h = "localhost";
        }
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return (tls ? "https" : "http") + "://" + h + ":" + port;
    }

    private static String checkedUrl(String value, String source, String key) {
        String url = value;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("not an http(s) URL without query");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + key + " '" + value + "': " + e.getMessage());
        }
        return url;
    }

    private static boolean bool(Properties p, String key, boolean defaultValue, String source) {
        String v = p.getProperty(key, Boolean.toString(defaultValue)).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(source + ": invalid " + key + " '" + v + "': expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static int integer(Properties p, String key, int defaultValue, int min, int max, String source) {
        String v = p.getProperty(key, Integer.toString(defaultValue)).trim();
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": invalid " + key + " '" + v + "': expected a number from "
                + min + " to " + max);
        }
    }

    private static Duration duration(Properties p, String key, String defaultValue, String source) {
        try {
            return Durations.parse(p.getProperty(key, defaultValue));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + key + ": " + e.getMessage());
        }
    }

    private static Duration positive(Properties p, String key, String defaultValue, String source) {
        Duration d = duration(p, key, defaultValue, source);
        if (d.isZero()) {
            throw new IllegalArgumentException(source + ": invalid " + key + ": must be more than 0");
        }
        return d;
    }

    public boolean enabled() {
        return enabled;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public Optional<Path> keystore() {
        return keystore;
    }

    String keystorePassword() {
        return keystorePassword;
    }

    public boolean tls() {
        return keystore.isPresent();
    }

    public Duration sessionIdle() {
        return sessionIdle;
    }

    public Duration sessionMax() {
        return sessionMax;
    }

    public Duration signInLinkTtl() {
        return signInLinkTtl;
    }

    public int rateAttempts() {
        return rateAttempts;
    }

    public Duration rateWindow() {
        return rateWindow;
    }

    public boolean trustForwardedFor() {
        return trustForwardedFor;
    }

    @Override
    public String toString() {
        return "WebSettings{" + (enabled ? "" : "disabled, ") + host + ":" + port + ", baseUrl=" + baseUrl
            + (tls() ? ", tls" : "") + ", session idle " + sessionIdle + " max " + sessionMax + ", "
            + rateAttempts + " attempts per " + rateWindow + "}";
    }

    private static final class Builder {
        boolean enabled = true;
        String host;
        int port;
        String baseUrl;
        Optional<Path> keystore = Optional.empty();
        String keystorePassword = "";
        Duration sessionIdle;
        Duration sessionMax;
        Duration signInLinkTtl;
        int rateAttempts;
        Duration rateWindow;
        boolean trustForwardedFor;

        Builder() {
        }

        Builder(WebSettings s) {
            enabled = s.enabled;
            host = s.host;
            port = s.port;
            baseUrl = s.baseUrl;
            keystore = s.keystore;
            keystorePassword = s.keystorePassword;
            sessionIdle = s.sessionIdle;
            sessionMax = s.sessionMax;
            signInLinkTtl = s.signInLinkTtl;
            rateAttempts = s.rateAttempts;
            rateWindow = s.rateWindow;
            trustForwardedFor = s.trustForwardedFor;
        }
    }
}
