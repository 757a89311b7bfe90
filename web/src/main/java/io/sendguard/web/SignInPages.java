package io.sendguard.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Sign-in and sign-out: {@code GET/POST /signin} (the sender's own James password), {@code GET/POST
 * /signin/link/:token} (the sign-in link of a notice: GET shows a button, only the POST signs in), {@code POST
 * /signout}, and {@code GET /} (to "my mail" or to the sign-in page). A wrong password answers like an unknown user;
 * failed attempts are counted per client address ({@link RateLimiter}: 429 with Retry-After once used up).
 */
final class SignInPages implements WebRoutes {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignInPages.class);

    private final Web web;

    SignInPages(Web web) {
        this.web = web;
    }

    @Override
    public void define(Service spark) {
        spark.get("/", (req, res) -> web.guarded(req, res, (rq, rs) ->
            Web.redirect(rs, web.session(rq).isPresent() ? "/my" : "/signin")));
        spark.get("/signin", (req, res) -> web.guarded(req, res, (rq, rs) -> form(rq, rs, 200, null)));
        spark.post("/signin", (req, res) -> web.guarded(req, res, this::signIn));
        spark.get(SignInLinks.PATH + ":token", (req, res) -> web.guarded(req, res, this::confirmLink));
        spark.post(SignInLinks.PATH + ":token", (req, res) -> web.guarded(req, res, this::useLink));
        spark.post("/signout", (req, res) -> web.guarded(req, res, this::signOut));
    }

    private String form(Request request, Response response, int status, String problem) {
        PageTexts t = web.texts(request);
        Map<String, Object> model = new HashMap<>();
        model.put("t", t.words().all());
        model.put("csrf", web.csrfToken(request, response));
        model.put("problem", problem);
        String user = request.queryParams("user");
        model.put("user", user == null || user.length() > 320 ? "" : user);
        return Web.send(response, status, web.page(t, t.word("signInHeading"), Optional.empty()).template("signin", model));
    }

    private Object signIn(Request request, Response response) {
        PageTexts t = web.texts(request);
        String client = web.clientAddress(request);
        Optional<Duration> wait = web.limiter.blocked(client);
        if (wait.isPresent()) {
            return web.tooMany(response, t, wait.get());
        }
        if (!web.csrfValid(request, Optional.empty())) {
            return csrfProblem(request, response);
        }
        String user = request.queryParams("user");
        String password = request.queryParams("password");
        if (!web.authenticator.verify(user, password)) {
            web.limiter.failed(client);
            LOGGER.info("sendguard-web event=sign-in-failed");
            return form(request, response, 401, t.word("signInFailed"));
        }
        return signedIn(response, user.trim());
    }

    private Object signedIn(Response response, String user) {
        Sessions.Session session = web.sessions.start(user);
        web.setCookie(response, Web.SESSION_COOKIE, session.id(), web.sessions.maxAge());
        LOGGER.info("sendguard-web event=signed-in");
        return Web.redirect(response, "/my");
    }

    private Object confirmLink(Request request, Response response) {
        PageTexts t = web.texts(request);
        String client = web.clientAddress(request);
        Optional<Duration> wait = web.limiter.blocked(client);
        if (wait.isPresent()) {
            return web.tooMany(response, t, wait.get());
        }
        Optional<String> address = web.signInLinks.verify(request.params(":token"));
        if (address.isEmpty()) {
            web.limiter.failed(client);
            return form(request, response, 400, t.word("signInLinkInvalid"));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("t", t.words().all());
        model.put("csrf", web.csrfToken(request, response));
        model.put("text", t.word("signInLinkText"));
        return Web.send(response, 200, web.page(t, t.word("signInLinkHeading", address.get()), Optional.empty())
            .template("signin-link", model));
    }

    private Object useLink(Request request, Response response) {
        PageTexts t = web.texts(request);
        String client = web.clientAddress(request);
        Optional<Duration> wait = web.limiter.blocked(client);
        if (wait.isPresent()) {
            return web.tooMany(response, t, wait.get());
        }
        Optional<String> address = web.signInLinks.verify(request.params(":token"));
        if (address.isEmpty()) {
            web.limiter.failed(client);
            return form(request, response, 400, t.word("signInLinkInvalid"));
        }
        if (!web.csrfValid(request, Optional.empty())) {
            return csrfProblem(request, response);
        }
        return signedIn(response, address.get());
    }

    private Object signOut(Request request, Response response) {
        Optional<Sessions.Session> session = web.session(request);
        if (session.isPresent() && !web.csrfValid(request, session)) {
            return csrfProblem(request, response);
        }
        session.ifPresent(s -> web.sessions.end(s.id()));
        web.setCookie(response, Web.SESSION_COOKIE, "", Duration.ZERO);
        PageTexts t = web.texts(request);
        Map<String, Object> model = new HashMap<>();
        model.put("t", t.words().all());
        model.put("csrf", web.csrfToken(request, response));
        model.put("problem", null);
        model.put("done", t.word("signedOut"));
        model.put("user", "");
        return Web.send(response, 200, web.page(t, t.word("signInHeading"), Optional.empty()).template("signin", model));
    }

    private Object csrfProblem(Request request, Response response) {
        return web.csrfProblem(request, response);
    }
}
