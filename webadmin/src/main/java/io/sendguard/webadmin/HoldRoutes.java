package io.sendguard.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldPage;
import io.sendguard.hold.HoldQuery;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.service.ActionResult;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.TokenAction;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin API of the send hold, protected like the rest of WebAdmin:
 *
 * <ul>
 *   <li>{@code GET /sendguard/holds?sender=&recipient=&state=&offset=0&limit=50}: held mails, newest first,
 *       as {@code {"total":..,"offset":..,"limit":..,"items":[...]}}</li>
 *   <li>{@code GET /sendguard/holds/counts}: number of mails per state</li>
 *   <li>{@code GET /sendguard/holds/bad}: held mails whose files could not be read, set aside (under the store's
 *       {@code bad/}) so that the others are still released, as {@code {"count":..,"items":[{"id","reason","at"}]}}</li>
 *   <li>{@code GET /sendguard/holds/{id}}: one held mail</li>
 *   <li>{@code POST /sendguard/holds/{id}?action=release|cancel|approve|reject[&comment=...]}: an admin
 *       decision; {@code release} sends a timed mail now and approves a mail waiting for approval. {@code approve} is
 *       the admin's override: it approves at once, without the approval checklist and whatever the double check still
 *       needs ({@code approvalsRequired}); the audit trail records the admin as the approver</li>
 *   <li>{@code DELETE /sendguard/holds/{id}/recipients/{address}}: stop sending to one recipient</li>
 * </ul>
 *
 * Errors are JSON bodies {@code {"statusCode":..,"type":..,"message":..,"details":..}} (plus {@code state}
 * on 409): 400 for bad parameters, 404 for an unknown mail or recipient, 409 when the mail's state does
 * not allow the action. Enable it in {@code webadmin.properties} ({@code extensions.routes}).
 */
public class HoldRoutes implements Routes {
    public static final String BASE_PATH = "/sendguard/holds";
    public static final String COUNTS_PATH = BASE_PATH + "/counts";
    /** Held mails whose files could not be read, set aside so that the others are still released. */
    public static final String BAD_PATH = BASE_PATH + "/bad";
    public static final String HOLD_PATH = BASE_PATH + "/:id";
    public static final String RECIPIENT_PATH = HOLD_PATH + "/recipients/:address";
    public static final String MESSAGE_PATH = HOLD_PATH + "/message";
    /** Who admin decisions are recorded as. */
    public static final String ADMIN_ACTOR = "admin";
    /** Longest admin comment accepted. */
    public static final int MAX_COMMENT_CHARS = 2000;
    static final int DEFAULT_LIMIT = 50;

    private static final String JSON = "application/json";

    private final HoldService service;
    private final JsonTransformer jsonTransformer;

    @Inject
    public HoldRoutes(HoldService service, JsonTransformer jsonTransformer) {
        this.service = service;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.get(BASE_PATH, JsonError.json(this::list), jsonTransformer);
        spark.get(COUNTS_PATH, JsonError.json(this::counts), jsonTransformer);
        spark.get(BAD_PATH, JsonError.json(this::setAside), jsonTransformer);
        spark.get(HOLD_PATH, JsonError.json(this::get), jsonTransformer);
        spark.post(HOLD_PATH, JsonError.json(this::act), jsonTransformer);
        spark.delete(RECIPIENT_PATH, JsonError.json(this::removeRecipient), jsonTransformer);
        spark.get(MESSAGE_PATH, (request, response) -> Failsafe.call("WebAdmin GET " + request.pathInfo(),
            () -> message(request, response), failure -> {
                response.type(JSON);
                response.status(503);
                return jsonTransformer.render(JsonError.unavailable(failure).body());
            }));
    }

    /** The held message itself (message/rfc822), so that an admin can read or resend a cancelled one. */
    private Object message(Request request, Response response) throws java.io.IOException {
        HeldMailId id;
        try {
            id = id(request);
            if (service.store().get(id).isEmpty()) {
                throw unknownMail(id);
            }
        } catch (JsonError e) {
            response.type(JSON);
            response.status(e.statusCode());
            return jsonTransformer.render(e.body());
        }
        java.util.Optional<java.io.InputStream> payload = service.store().openPayload(id);
        if (payload.isEmpty()) {
            response.type(JSON);
            response.status(404);
            return jsonTransformer.render(unknownMail(id).body());
        }
        response.type("message/rfc822");
        response.header("Content-Disposition", "attachment; filename=\"" + id.asString() + ".eml\"");
        try (java.io.InputStream in = payload.get()) {
            return in.readAllBytes();
        }
    }


    private Object setAside(Request request, Response response) {
        QueryParameters.checkKnown(request, java.util.Set.of());
        List<Map<String, Object>> items = service.store().setAside().stream().map(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", m.id());
            item.put("reason", m.reason());
            item.put("at", m.at().toString());
            return item;
        }).collect(Collectors.toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", items.size());
        body.put("items", items);
        return body;
    }

    private Object list(Request request, Response response) {
        QueryParameters.checkKnown(request, java.util.Set.of("sender", "recipient", "state", "offset", "limit"));
        HoldQuery query = HoldQuery.all();
        Optional<String> sender = param(request, "sender");
        if (sender.isPresent()) {
            query = query.withSender(sender.get());
        }
        Optional<String> recipient = param(request, "recipient");
        if (recipient.isPresent()) {
            query = query.withRecipient(recipient.get());
        }
        Optional<String> state = param(request, "state");
        if (state.isPresent()) {
            query = query.withState(parseState(state.get()));
        }
        int offset = intParam(request, "offset", 0);
        if (offset < 0) {
            throw JsonError.badRequest("'offset' must not be negative, got " + offset);
        }
        int limit = intParam(request, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > HoldQuery.MAX_LIMIT) {
            throw JsonError.badRequest("'limit' must be between 1 and " + HoldQuery.MAX_LIMIT + ", got " + limit);
        }
        HoldPage page = service.store().list(query.withPage(offset, limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.totalMatching());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("items", page.items().stream().map(HoldJson::item).collect(Collectors.toList()));
        return body;
    }

    private Object counts(Request request, Response response) {
        Map<HoldState, Long> counts = service.store().countByState();
        Map<String, Long> body = new LinkedHashMap<>();
        for (HoldState state : HoldState.values()) {
            body.put(state.name(), counts.getOrDefault(state, 0L));
        }
        return body;
    }

    private Object get(Request request, Response response) {
        HeldMailId id = id(request);
        return HoldJson.item(service.store().get(id).orElseThrow(() -> unknownMail(id)));
    }

    private Object act(Request request, Response response) {
        HeldMailId id = id(request);
        String actionName = param(request, "action")
            .orElseThrow(() -> JsonError.badRequest("'action' is required: one of release, cancel, approve, reject"));
        String comment = comment(request);
        HeldMail mail = service.store().get(id).orElseThrow(() -> unknownMail(id));
        TokenAction action = toTokenAction(actionName.trim().toLowerCase(Locale.ROOT), mail);
        ActionResult result = service.perform(id, action, null, ADMIN_ACTOR, comment);
        HeldMail after = outcome(result, id, actionName);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.asString());
        body.put("action", actionName.trim().toLowerCase(Locale.ROOT));
        body.put("state", after.state().name());
        return body;
    }

    private Object removeRecipient(Request request, Response response) {
        HeldMailId id = id(request);
        String address = Optional.ofNullable(request.params(":address")).map(String::trim).orElse("");
        if (address.isEmpty()) {
            throw JsonError.badRequest("the recipient address is missing");
        }
        ActionResult result = service.perform(id, TokenAction.CANCEL_RECIPIENT, address, ADMIN_ACTOR, comment(request));
        if (result.status() == ActionResult.Status.NO_SUCH_RECIPIENT) {
            throw new JsonError(404, ErrorType.NOT_FOUND,
                "'" + address + "' is not a recipient of held mail " + id.asString(), null);
        }
        return HoldJson.item(outcome(result, id, "remove recipient"));
    }

    /** @return the mail after a successful action; otherwise throws the matching error */
    private static HeldMail outcome(ActionResult result, HeldMailId id, String what) {
        switch (result.status()) {
            case DONE:
                return result.mail().orElseThrow();
            case NOT_FOUND:
                throw unknownMail(id);
            case NO_SUCH_RECIPIENT:
                throw new JsonError(404, ErrorType.NOT_FOUND, result.detail(), null);
            default:
                HoldState state = result.mail().map(HeldMail::state).orElse(null);
                JsonError conflict = new JsonError(409, ErrorType.WRONG_STATE,
                    "Cannot " + what + " held mail " + id.asString()
                        + (state == null ? "" : " in state " + state.name()),
                    result.detail());
                conflict.with("state", state == null ? null : state.name());
                throw conflict;
        }
    }

    private static TokenAction toTokenAction(String action, HeldMail mail) {
        switch (action) {
            case "release":
                return mail.mode() == HoldMode.APPROVAL ? TokenAction.APPROVE : TokenAction.SEND_NOW;
            case "cancel":
                return TokenAction.CANCEL;
            case "approve":
                return TokenAction.APPROVE;
            case "reject":
                return TokenAction.REJECT;
            default:
                throw JsonError.badRequest("'action' must be one of release, cancel, approve, reject, got '" + action + "'");
        }
    }

    private static HeldMailId id(Request request) {
        String raw = request.params(":id");
        try {
            return HeldMailId.of(raw == null ? "" : raw);
        } catch (IllegalArgumentException e) {
            throw JsonError.badRequest("'" + raw + "' is not a valid held mail id");
        }
    }

    private static HoldState parseState(String value) {
        try {
            return HoldState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw JsonError.badRequest("'state' must be one of "
                + List.of(HoldState.values()) + ", got '" + value + "'");
        }
    }

    private static String comment(Request request) {
        String comment = param(request, "comment").orElse("");
        if (comment.length() > MAX_COMMENT_CHARS) {
            throw JsonError.badRequest("'comment' is longer than " + MAX_COMMENT_CHARS + " characters");
        }
        return comment;
    }

    private static int intParam(Request request, String name, int defaultValue) {
        Optional<String> value = param(request, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw JsonError.badRequest("'" + name + "' must be an integer, got '" + value.get() + "'");
        }
    }

    private static Optional<String> param(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).filter(v -> !v.isBlank());
    }

    private static JsonError unknownMail(HeldMailId id) {
        return JsonError.notFound("Held mail " + id.asString() + " not found");
    }
}
