package io.sendguard.web;

import static io.sendguard.web.HtmlEscaper.escape;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.inject.Inject;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.service.ActionResult;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.ActionToken;
import io.sendguard.hold.token.TokenAction;
import io.sendguard.hold.token.TokenVerification;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The pages behind the links of the hold notices ({@code <web.baseUrl>/actions/<token>}), public
 * (no WebAdmin authentication: the signed, expiring, single-use token is the credential).
 *
 * <ul>
 *   <li>{@code GET /actions/:token} changes nothing (mail security scanners open every link):
 *       it shows what the link does, the mail, and a form with one button that POSTs to the same URL.</li>
 *   <li>{@code POST /actions/:token} (optional form field {@code comment}) uses the link and
 *       shows the result. An approve link with a checklist ({@code approval.checklist}) needs every item ticked: one
 *       form field {@code check} per item, the item's text as value (the form shows them as checkboxes); without them
 *       the answer is 400 naming the missing items and the link stays unused. With a double check the first approval
 *       is recorded and the page says how many are still needed.</li>
 * </ul>
 *
 * Status codes: 200 (page shown / action done), 400 (link not valid), 404 (mail unknown), 409 (link
 * already used, or the mail's state no longer allows the action), 410 (link expired), 403 (a form that would act
 * without the CSRF token of its page), 429 (too many unusable links from one address). Pages are in the browser's
 * language (ja / en; else that of the notices), with no script, and every value
 * from the mail HTML-escaped. The admin can replace their fixed texts (buttons, labels, the pages for unusable
 * links) and add a footer to every page (e.g. whom to ask) with {@code page.text.<name>} in
 * {@code conf/sendguard.properties} ({@link io.sendguard.hold.service.HoldSettings#PAGE_TEXT_NAMES}).
 * Served by Sendguard's own web listener ({@link SendguardWeb}), never by WebAdmin.
 */
public class ActionLinkPages implements WebRoutes {
    public static final String BASE_PATH = "/actions";
    public static final String TOKEN_PATH = BASE_PATH + "/:token";
    /** Longer comments are cut to this length. */
    public static final int MAX_COMMENT_CHARS = 2000;

    private final Web web;
    private final HoldService service;
    private final ZoneId zone;

    ActionLinkPages(Web web) {
        this.web = web;
        this.service = web.service;
        this.zone = web.zone;
    }

    @Override
    public void define(Service spark) {
        spark.get(TOKEN_PATH, (request, response) -> guarded(request, response, this::confirm));
        spark.post(TOKEN_PATH, (request, response) -> guarded(request, response, this::redeem));
    }

    private Object guarded(Request request, Response response, spark.Route page) throws Exception {
        return web.guarded(request, response, (rq, rs) -> {
            PageTexts t = web.texts(rq);
            java.util.Optional<java.time.Duration> wait = web.limiter.blocked(web.clientAddress(rq));
            if (wait.isPresent()) {
                return web.tooMany(rs, t, wait.get());
            }
            return page.handle(rq, rs);
        });
    }

    /** A page in the browser's language, with the admin's footer ({@code page.text.footer}) if any. */
    private HtmlPage page(PageTexts t, String heading) {
        return web.page(t, heading, java.util.Optional.empty());
    }

    /** GET: read-only. */
    private String confirm(Request request, Response response) {
        PageTexts t = web.texts(request);
        String csrf = web.csrfToken(request, response);
        TokenVerification verification = service.check(request.params(":token"));
        switch (verification.status()) {
            case TAMPERED:
                return invalidLink(request, response, t);
            case EXPIRED:
                return expired(request, response, t);
            case ALREADY_USED:
                return used(response, t, verification.token().flatMap(this::mailOf));
            default:
                break;
        }
        ActionToken token = verification.token().orElseThrow();
        Optional<HeldMail> found = mailOf(token);
        if (found.isEmpty()) {
            return notFound(response, t);
        }
        HeldMail mail = found.get();
        TokenAction action = token.action();
        String recipient = token.recipient().orElse("");
        Optional<String> obstacle = obstacle(t, action, recipient, mail);
        if (obstacle.isEmpty() && (action == TokenAction.APPROVE || action == TokenAction.REJECT)
            && !HoldService.isApprover(mail, recipient)) {
            return refused(response, t, Optional.of(mail));
        }
        if (obstacle.isPresent()) {
            HtmlPage page = page(t, t.notPossibleHeading())
                .paragraph(obstacle.get())
                .rawBlock(details(t, mail));
            return send(response, 409, page);
        }
        HtmlPage page = page(t, t.confirmHeading(action, recipient))
            .paragraph(t.confirmExplanation(action, recipient))
            .rawBlock(details(t, mail))
            .rawBlock(form(t, action, csrf, checklist(action)));
        return send(response, 200, page);
    }

    /** The checklist an approve form shows (none for the other actions). */
    private List<String> checklist(TokenAction action) {
        return action == TokenAction.APPROVE ? service.settings().approvalChecklist() : List.of();
    }

    /** POST: uses the link. */
    private String redeem(Request request, Response response) {
        PageTexts t = web.texts(request);
        String token = request.params(":token");
        // read first (the check consumes nothing) to name the recipient on the result page
        TokenVerification checked = service.check(token);
        String recipient = checked.token().flatMap(ActionToken::recipient).orElse("");
        if (checked.isOk() && wouldAct(t, checked.token().orElseThrow()) && !web.csrfValid(request, web.session(request))) {
            // a link that would act, but the form did not come from its page: nothing is done, the link is not used up
            return web.csrfProblem(request, response);
        }
        ActionResult result = service.redeem(token, comment(request), checks(request));
        boolean ja = "ja".equals(t.lang());
        switch (result.status()) {
            case DONE: {
                HeldMail mail = result.mail().orElseThrow();
                if (result.action() == TokenAction.APPROVE && mail.state() == HoldState.HELD) {
                    // double check: this approval is recorded, the others are still needed
                    String counted = mail.approvals().size() + "/" + mail.approvalsRequired();
                    return send(response, 200, page(t, ja ? "承認を記録しました (" + counted + ")" : "Approval recorded (" + counted + ")")
                        .paragraph(ja ? "このメールには " + mail.approvalsRequired() + " 人の承認が必要です。残りの承認がそろうと送信されます。"
                            : "This mail needs " + mail.approvalsRequired() + " approvals. It is sent once the others have approved.")
                        .rawBlock(details(t, mail))
                        .note(t.closeHint()));
                }
                boolean cancelled = mail.state() == HoldState.CANCELLED;
                HtmlPage page = page(t, t.done(result.action(), recipient, cancelled))
                    .paragraph(t.doneDetail(result.action(), recipient, cancelled))
                    .rawBlock(details(t, mail))
                    .note(t.closeHint());
                return send(response, 200, page);
            }
            case TOKEN_TAMPERED:
                return invalidLink(request, response, t);
            case TOKEN_EXPIRED:
                return expired(request, response, t);
            case TOKEN_USED:
                return used(response, t, service.check(token).token().flatMap(this::mailOf));
            case NOT_FOUND:
                return notFound(response, t);
            case NO_SUCH_RECIPIENT:
                return notPossible(response, t, t.notRecipient(recipient), result.mail());
            case NOT_ALLOWED:
                return notPossible(response, t, t.notAllowed(result.action()), result.mail());
            case NOT_AN_APPROVER:
                return refused(response, t, result.mail());
            case CHECKLIST_INCOMPLETE: {
                // the link is not used: the approver ticks the items and sends the form again
                List<String> missing = service.missingChecks(checks(request));
                HtmlPage page = page(t, ja ? "確認項目にチェックしてください" : "Please tick every item of the checklist")
                    .paragraph((ja ? "チェックされていない項目: " : "Not ticked: ") + String.join(", ", missing));
                result.mail().ifPresent(m -> page.rawBlock(details(t, m)));
                return send(response, 400, page.rawBlock(form(t, TokenAction.APPROVE, web.csrfToken(request, response),
                    checklist(TokenAction.APPROVE))));
            }
            case ALREADY_APPROVED:
                return notPossible(response, t, ja ? "あなたはこのメールを既に承認しています。同じ人の承認は一度だけ数えます。"
                    : "You approved this mail already; one person's approval counts once.", result.mail());
            default:
                return notPossible(response, t, result.mail()
                    .map(m -> t.notPossibleBecause(m.state(), m.mode())).orElse(""), result.mail());
        }
    }

    /** Whether using this (valid) link now would change the mail: only then does its form need the CSRF token. */
    private boolean wouldAct(PageTexts t, ActionToken token) {
        Optional<HeldMail> mail = mailOf(token);
        if (mail.isEmpty()) {
            return false;
        }
        String recipient = token.recipient().orElse("");
        if (obstacle(t, token.action(), recipient, mail.get()).isPresent()) {
            return false;
        }
        return (token.action() != TokenAction.APPROVE && token.action() != TokenAction.REJECT)
            || HoldService.isApprover(mail.get(), recipient);
    }

    /** @return why the action cannot be done now, or empty when it can */
    private static Optional<String> obstacle(PageTexts t, TokenAction action, String recipient, HeldMail mail) {
        HoldState state = mail.state();
        switch (action) {
            case CANCEL:
                return state == HoldState.HELD || state == HoldState.APPROVED
                    ? Optional.empty() : Optional.of(t.notPossibleBecause(state, mail.mode()));
            case CANCEL_RECIPIENT:
                if (state != HoldState.HELD && state != HoldState.APPROVED) {
                    return Optional.of(t.notPossibleBecause(state, mail.mode()));
                }
                return mail.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(recipient))
                    ? Optional.empty() : Optional.of(t.notRecipient(recipient));
            case SEND_NOW:
                if (mail.mode() == HoldMode.APPROVAL) {
                    return Optional.of(t.notAllowed(action));
                }
                return state == HoldState.HELD ? Optional.empty() : Optional.of(t.notPossibleBecause(state, mail.mode()));
            default:
                if (mail.mode() != HoldMode.APPROVAL) {
                    return Optional.of(t.notAllowed(action));
                }
                return state == HoldState.HELD ? Optional.empty() : Optional.of(t.notPossibleBecause(state, mail.mode()));
        }
    }

    private Optional<HeldMail> mailOf(ActionToken token) {
        return service.store().get(token.heldMailId());
    }

    private String invalidLink(Request request, Response response, PageTexts t) {
        web.limiter.failed(web.clientAddress(request));
        return send(response, 400, page(t, t.invalidLinkHeading()).paragraph(t.invalidLinkText()));
    }

    private String expired(Request request, Response response, PageTexts t) {
        web.limiter.failed(web.clientAddress(request));
        return send(response, 410, page(t, t.expiredHeading()).paragraph(t.expiredText()));
    }

    private String used(Response response, PageTexts t, Optional<HeldMail> mail) {
        HtmlPage page = page(t, t.usedHeading()).paragraph(t.usedText());
        mail.ifPresent(m -> page.rawBlock(details(t, m)));
        return send(response, 409, page);
    }

    private String notFound(Response response, PageTexts t) {
        return send(response, 404, page(t, t.notFoundHeading()).paragraph(t.notFoundText()));
    }

    private String notPossible(Response response, PageTexts t, String why, Optional<HeldMail> mail) {
        HtmlPage page = page(t, t.notPossibleHeading()).paragraph(why);
        mail.ifPresent(m -> page.rawBlock(details(t, m)));
        return send(response, 409, page);
    }

    /** 403: an approve / reject link for someone who does not approve the mail; the mail stays held. */
    private String refused(Response response, PageTexts t, Optional<HeldMail> mail) {
        HtmlPage page = page(t, t.notPossibleHeading()).paragraph(t.notApprover());
        mail.ifPresent(m -> page.rawBlock(details(t, m)));
        return send(response, 403, page);
    }

    private static String send(Response response, int status, HtmlPage page) {
        return Web.send(response, status, page);
    }

    /** The mail as a definition list; every value escaped. */
    private String details(PageTexts t, HeldMail mail) {
        StringBuilder html = new StringBuilder("<dl>\n");
        entry(html, t.subjectLabel(), escape(mail.subject().isBlank() ? t.noSubject() : mail.subject()));
        entry(html, t.senderLabel(), escape(mail.sender().isEmpty() ? t.noSender() : mail.sender()));
        entry(html, t.recipientsLabel(), recipientsByDomain(t, mail.recipients()));
        if (!mail.removedRecipients().isEmpty()) {
            entry(html, t.removedRecipientsLabel(), escape(String.join(", ", mail.removedRecipients())));
        }
        if (mail.mode() == HoldMode.APPROVAL && !mail.isApproved() && mail.dueAt().isPresent()) {
            // the due time of a mail waiting for approval is its deadline, not when it is sent
            entry(html, t.approvalDeadlineLabel(), escape(due(t, mail)));
            if (!"release".equals(mail.attributes().get(io.sendguard.hold.service.HoldService.ON_TIMEOUT))) {
                entry(html, t.dueLabel(), escape(t.dueAfterApproval()));
            }
        } else {
            entry(html, t.dueLabel(), escape(due(t, mail)));
        }
        entry(html, t.stateLabel(), escape(t.state(mail.state(), mail.mode())));
        return html.append("</dl>").toString();
    }

    private static void entry(StringBuilder html, String label, String valueHtml) {
        html.append("<dt>").append(escape(label)).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    private String due(PageTexts t, HeldMail mail) {
        if (mail.dueAt().isEmpty()) {
            return t.dueAfterApproval();
        }
        Instant due = mail.dueAt().get();
        String text = t.dateTime(due, zone);
        Duration remaining = Duration.between(service.clock().instant(), due);
        if (mail.state() == HoldState.HELD && !remaining.isNegative() && !remaining.isZero()) {
            text += " (" + t.remaining(remaining) + ")";
        }
        return text;
    }

    /** Recipients grouped by domain (domains sorted), so a stray outside domain stands out. */
    static String recipientsByDomain(PageTexts t, List<String> recipients) {
        Map<String, List<String>> byDomain = new TreeMap<>();
        for (String recipient : recipients) {
            int at = recipient.lastIndexOf('@');
            String domain = at < 0 ? "" : recipient.substring(at + 1).toLowerCase(Locale.ROOT);
            byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(recipient);
        }
        StringBuilder html = new StringBuilder("<ul>");
        for (Map.Entry<String, List<String>> group : byDomain.entrySet()) {
            html.append("<li><strong>").append(escape(group.getKey().isEmpty() ? "-" : group.getKey()))
                .append("</strong> (").append(escape(t.recipientCount(group.getValue().size()))).append(")<ul>");
            for (String recipient : group.getValue()) {
                html.append("<li>").append(escape(recipient)).append("</li>");
            }
            html.append("</ul></li>");
        }
        return html.append("</ul>").toString();
    }

    /** One form posting to this same URL (no action attribute), with one submit button. */
    private static String form(PageTexts t, TokenAction action, String csrf, List<String> checklist) {
        StringBuilder html = new StringBuilder("<form method=\"post\">\n<input type=\"hidden\" name=\"csrf\" value=\"")
            .append(escape(csrf)).append("\">\n");
        if (!checklist.isEmpty()) {
            html.append("<fieldset>\n<legend>").append(escape("ja".equals(t.lang()) ? "確認項目" : "Checklist")).append("</legend>\n");
            int n = 0;
            for (String item : checklist) {
                String id = "check" + n++;
                html.append("<div><input type=\"checkbox\" name=\"check\" id=\"").append(id).append("\" value=\"")
                    .append(escape(item)).append("\" required> <label for=\"").append(id).append("\">").append(escape(item))
                    .append("</label></div>\n");
            }
            html.append("</fieldset>\n");
        }
        if (action == TokenAction.REJECT) {
            html.append("<label for=\"comment\">").append(escape(t.commentLabel())).append("</label>\n")
                .append("<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"").append(MAX_COMMENT_CHARS)
                .append("\" aria-describedby=\"comment-hint\"></textarea>\n")
                .append("<p id=\"comment-hint\" class=\"note\">").append(escape(t.commentHint())).append("</p>\n");
        }
        boolean danger = action == TokenAction.CANCEL || action == TokenAction.CANCEL_RECIPIENT
            || action == TokenAction.REJECT;
        html.append("<button type=\"submit\"").append(danger ? " class=\"danger\"" : "").append('>')
            .append(escape(t.button(action))).append("</button>\n</form>");
        return html.toString();
    }

    /** The form field {@code comment}, also when a filter already read the body; cut to {@link #MAX_COMMENT_CHARS}. */
    private static String comment(Request request) {
        String comment = request.queryParams("comment");
        if (comment == null) {
            comment = formField(request.body(), "comment");
        }
        if (comment == null) {
            return "";
        }
        comment = comment.strip();
        return comment.length() > MAX_COMMENT_CHARS ? comment.substring(0, MAX_COMMENT_CHARS) : comment;
    }

    /** The form fields {@code check} (the ticked checklist items), also when a filter already read the body. */
    private static java.util.Set<String> checks(Request request) {
        String[] values = request.queryParamsValues("check");
        java.util.Set<String> ticked = new java.util.LinkedHashSet<>();
        if (values != null) {
            ticked.addAll(java.util.Arrays.asList(values));
        } else if (request.body() != null) {
            for (String pair : request.body().split("&")) {
                if (pair.startsWith("check=")) {
                    try {
                        ticked.add(URLDecoder.decode(pair.substring("check=".length()), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        // a malformed value ticks nothing
                    }
                }
            }
        }
        return ticked;
    }

    private static String formField(String body, String name) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(key)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
