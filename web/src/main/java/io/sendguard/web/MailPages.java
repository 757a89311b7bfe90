package io.sendguard.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.service.ActionResult;
import io.sendguard.hold.service.HoldService;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * One mail as a confirmation screen ({@code GET /mail/:id}) for its sender (cancel, send now, remove any set of
 * recipients with checkboxes: the server-side pre-send check, for any mail client) and for its approvers (the
 * checklist, a comment, approve or reject). Every POST carries the session's CSRF token (403 and nothing done
 * without it). A mail that is neither the person's nor waiting for them answers 404, as an unknown one does.
 */
final class MailPages implements WebRoutes {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailPages.class);
    static final int MAX_COMMENT_CHARS = 2000;

    private final Web web;
    private final HoldActions actions;

    MailPages(Web web) {
        this.web = web;
        this.actions = new HoldActions(web.service);
    }

    @Override
    public void define(Service spark) {
        spark.get("/mail/:id", (req, res) -> web.guarded(req, res, (rq, rs) -> show(rq, rs, Optional.empty())));
        spark.post("/mail/:id/:action", (req, res) -> web.guarded(req, res, this::act));
    }

    /** The mail, if the person may see it: its sender, or one of its approvers. */
    private Optional<HeldMail> visible(Request request, Sessions.Session session) {
        HeldMailId id;
        try {
            id = HeldMailId.of(request.params(":id"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return web.service.store().get(id).filter(m -> isSender(m, session) || HoldService.isApprover(m, session.user()));
    }

    private static boolean isSender(HeldMail mail, Sessions.Session session) {
        return mail.sender().equalsIgnoreCase(session.user());
    }

    private Object show(Request request, Response response, Optional<String> outcome) {
        Optional<Sessions.Session> session = web.session(request);
        if (session.isEmpty()) {
            return Web.redirect(response, "/signin");
        }
        PageTexts t = web.texts(request);
        Optional<HeldMail> found = visible(request, session.get());
        if (found.isEmpty()) {
            return notFound(response, t, session);
        }
        return page(response, 200, t, session.get(), found.get(), outcome, Optional.empty());
    }

    private String notFound(Response response, PageTexts t, Optional<Sessions.Session> session) {
        return Web.send(response, 404, web.page(t, t.notFoundHeading(), session).paragraph(t.word("mailNotFound")));
    }

    private String page(Response response, int status, PageTexts t, Sessions.Session session, HeldMail mail,
                        Optional<String> done, Optional<String> problem) {
        Map<String, Object> model = MailView.of(web, t, mail);
        boolean open = mail.state() == HoldState.HELD || mail.state() == HoldState.APPROVED;
        boolean sender = isSender(mail, session);
        boolean approver = HoldService.isApprover(mail, session.user());
        model.put("csrf", session.csrf());
        model.put("done", done.orElse(null));
        model.put("problem", problem.orElse(null));
        model.put("senderActions", sender && open);
        model.put("canSendNow", sender && mail.state() == HoldState.HELD && mail.mode() != HoldMode.APPROVAL);
        model.put("canRemove", sender && open && mail.recipients().size() > 1);
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (String r : mail.recipients()) {
            recipients.add(Map.of("address", r));
        }
        model.put("recipientChoices", recipients);
        boolean waiting = mail.mode() == HoldMode.APPROVAL && mail.state() == HoldState.HELD;
        model.put("approverActions", approver && waiting);
        model.put("youApproved", approver && mail.approvals().stream().anyMatch(session.user()::equalsIgnoreCase));
        List<Map<String, Object>> checklist = new ArrayList<>();
        for (String item : actions.checklist()) {
            checklist.add(Map.of("item", item));
        }
        model.put("checklist", checklist);
        model.put("hasChecklist", !checklist.isEmpty());
        if (mail.mode() == HoldMode.APPROVAL) {
            model.put("approvalsText", t.word("approvalsProgress", mail.approvals().size(), mail.approvalsRequired())
                + (mail.approvals().isEmpty() ? "" : " (" + String.join(", ", mail.approvals()) + ")"));
        }
        model.put("commentLabel", t.commentLabel());
        model.put("commentHint", t.commentHint());
        model.put("maxComment", MAX_COMMENT_CHARS);
        model.put("path", "/mail/" + mail.id());
        return Web.send(response, status, web.page(t, mail.subject().isBlank() ? t.noSubject() : mail.subject(),
            Optional.of(session)).template("mail-page", model));
    }

    private Object act(Request request, Response response) {
        Optional<Sessions.Session> session = web.session(request);
        if (session.isEmpty()) {
            return Web.redirect(response, "/signin");
        }
        if (!web.csrfValid(request, session)) {
            return web.csrfProblem(request, response);
        }
        PageTexts t = web.texts(request);
        Optional<HeldMail> found = visible(request, session.get());
        if (found.isEmpty()) {
            return notFound(response, t, session);
        }
        HeldMail mail = found.get();
        String user = session.get().user();
        String action = request.params(":action");
        boolean sender = isSender(mail, session.get());
        ActionResult result;
        String done;
        switch (action) {
            case "cancel":
                if (!sender) {
                    return notFound(response, t, session);
                }
                result = actions.cancel(mail, user);
                done = t.word("doneCancel");
                break;
            case "send-now":
                if (!sender) {
                    return notFound(response, t, session);
                }
                result = actions.sendNow(mail, user);
                done = t.word("doneSendNow");
                break;
            case "remove": {
                if (!sender) {
                    return notFound(response, t, session);
                }
                String[] values = request.queryParamsValues("recipient");
                List<String> chosen = values == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(Arrays.asList(values)));
                if (chosen.isEmpty()) {
                    return page(response, 400, t, session.get(), mail, Optional.empty(), Optional.of(t.word("noRecipientChosen")));
                }
                for (String r : chosen) {
                    if (mail.recipients().stream().noneMatch(r::equalsIgnoreCase)) {
                        return page(response, 400, t, session.get(), mail, Optional.empty(), Optional.of(t.word("notOnMail", r)));
                    }
                }
                result = actions.removeRecipients(mail.id(), chosen, user);
                done = t.word("doneRemoved", String.join(", ", chosen));
                break;
            }
            case "approve": {
                if (!HoldService.isApprover(mail, user)) {
                    return notFound(response, t, session);
                }
                String[] ticked = request.queryParamsValues("check");
                Set<String> checks = ticked == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(ticked));
                result = actions.approve(mail.id(), user, comment(request), checks);
                done = result.mail().filter(m -> m.state() == HoldState.HELD)
                    .map(m -> t.word("doneApprovedPartly", m.approvals().size(), m.approvalsRequired()))
                    .orElse(t.word("doneApproved"));
                break;
            }
            case "reject":
                if (!HoldService.isApprover(mail, user)) {
                    return notFound(response, t, session);
                }
                result = actions.reject(mail.id(), user, comment(request));
                done = t.word("doneRejected");
                break;
            default:
                return web.badRequest(request, response, "unknown action '" + (action.length() > 40 ? action.substring(0, 40) : action)
                    + "': expected cancel, send-now, remove, approve or reject");
        }
        HeldMail now = result.mail().orElse(mail);
        switch (result.status()) {
            case DONE:
                LOGGER.info("sendguard-web event={} id={}", action, mail.id());
                return page(response, 200, t, session.get(), now, Optional.of(done), Optional.empty());
            case CHECKLIST_INCOMPLETE: {
                List<String> missing = new ArrayList<>(actions.checklist());
                String[] ticked = request.queryParamsValues("check");
                if (ticked != null) {
                    missing.removeAll(Arrays.asList(ticked));
                }
                return page(response, 400, t, session.get(), now, Optional.empty(),
                    Optional.of(t.word("checklistMissing", String.join(", ", missing))));
            }
            case ALREADY_APPROVED:
                return page(response, 409, t, session.get(), now, Optional.empty(), Optional.of(t.word("alreadyApproved")));
            case NOT_FOUND:
                return notFound(response, t, session);
            case NO_SUCH_RECIPIENT:
                return page(response, 400, t, session.get(), now, Optional.empty(), Optional.of(result.detail()));
            case NOT_ALLOWED:
                return page(response, 409, t, session.get(), now, Optional.empty(), Optional.of(t.notAllowed(result.action())));
            case NOT_AN_APPROVER:
                return notFound(response, t, session);
            default:
                return page(response, 409, t, session.get(), now, Optional.empty(),
                    Optional.of(t.notPossibleBecause(now.state(), now.mode())));
        }
    }

    private static String comment(Request request) {
        String comment = request.queryParams("comment");
        if (comment == null) {
            return "";
        }
        comment = comment.strip();
        return comment.length() > MAX_COMMENT_CHARS ? comment.substring(0, MAX_COMMENT_CHARS) : comment;
    }
}
