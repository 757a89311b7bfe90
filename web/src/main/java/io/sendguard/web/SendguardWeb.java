package io.sendguard.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Service;

/**
 * Sendguard's own HTTP listener for the people who send and approve mail, apart from WebAdmin (which stays on
 * loopback): sign-in, "my mail", one mail, the approver's inbox and the pages behind the links in notices. Spark and
 * Jetty as James ships them in {@code lib/}. Every answer carries the security headers; no CORS header is ever sent;
 * unknown paths get a 404 page, failures a 503 page, never a stack trace.
 */
public final class SendguardWeb implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendguardWeb.class);

    private final Web web;
    private Service spark;

    public SendguardWeb(Web web) {
        this.web = web;
    }

    /** The pages of the listener. */
    List<WebRoutes> routes() {
        return List.of(new SignInPages(web), new MyMailPages(web), new MailPages(web), new ActionLinkPages(web));
    }

    /**
     * Starts listening; returns once it listens.
     *
     * @throws IllegalStateException naming {@code web.host}/{@code web.port} when it cannot listen there
     */
    public SendguardWeb start() {
        return startOn(web.settings.port());
    }

    /** {@link #start()} on another port (0: any free one, for tests). */
    SendguardWeb startOn(int port) {
        WebSettings settings = web.settings;
        CompletableFuture<Exception> failed = new CompletableFuture<>();
        Service s = Service.ignite().ipAddress(settings.host()).port(port).threadPool(32, 4, 60_000);
        settings.keystore().ifPresent(keystore -> s.secure(keystore.toString(), settings.keystorePassword(), null, null));
        s.initExceptionHandler(failed::complete);
        s.before((request, response) -> Web.secure(response));
        for (WebRoutes routes : routes()) {
            routes.define(s);
        }
        s.notFound((request, response) -> {
            PageTexts t = web.texts(request);
            return Web.send(response, 404, web.page(t, t.notFoundHeading(), Optional.empty()).paragraph(t.notFoundText()));
        });
        s.internalServerError((request, response) -> web.tryAgain(request, response));
        s.exception(Exception.class, (e, request, response) -> {
            io.sendguard.core.failsafe.Failsafe.log("web page " + request.pathInfo(), e);
            response.body(web.tryAgain(request, response));
        });
        s.init();
        s.awaitInitialization();
        Exception failure = failed.getNow(null);
        if (failure == null) {
            try {
                failure = failed.get(200, TimeUnit.MILLISECONDS);
            } catch (Exception notFailed) {
                failure = null;
            }
        }
        if (failure != null) {
            s.stop();
            throw new IllegalStateException("Sendguard's web listener cannot listen on " + settings.host() + ":" + settings.port()
                + " (conf/sendguard.properties: " + WebSettings.HOST + ", " + WebSettings.PORT + "): " + failure.getMessage(), failure);
        }
        spark = s;
        LOGGER.info("Sendguard web listener on {}:{} ({}), links use {}", settings.host(), s.port(),
            settings.tls() ? "https" : "http", settings.baseUrl());
        return this;
    }

    /** The paths it serves, as Spark matches them ({@code /mail/:id}), one per method and path. */
    public java.util.List<String> paths() {
        java.util.List<String> paths = new java.util.ArrayList<>();
        for (spark.routematch.RouteMatch route : spark.routes()) {
            String method = route.getHttpMethod().name().toUpperCase(java.util.Locale.ROOT);
            if (method.equals("GET") || method.equals("POST")) {
                paths.add(method + " " + route.getMatchUri());
            }
        }
        return paths;
    }

    /** The port it listens on (useful with port 0 in tests). */
    public int port() {
        return spark.port();
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
            spark.awaitStop();
            spark = null;
        }
    }
}
