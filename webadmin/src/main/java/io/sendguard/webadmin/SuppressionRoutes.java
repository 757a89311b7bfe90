package io.sendguard.webadmin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.suppression.SuppressionEntry;
import io.sendguard.core.suppression.SuppressionList;
import io.sendguard.core.suppression.SuppressionReason;
import io.sendguard.mailets.recipients.RecipientLists;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin API of the suppression list (送信停止リスト: unsubscribed, bounced, blocked by an admin),
 * protected like the rest of WebAdmin. The list {@code SuppressRecipients} uses is the conf file
 * {@code conf/sendguard-suppression.txt} together with the entries managed here, which are kept under
 * {@code var/sendguard/suppression} (forced to disk) and survive restarts.
 *
 * <ul>
 *   <li>{@code GET /sendguard/suppressions}: every entry,
 *       {@code [{"entry":"bob@partner.example","reason":"unsubscribed","source":"webadmin","addedAt":"..."}]}
 *       (source {@code conf} for the file's entries)</li>
 *   <li>{@code PUT /sendguard/suppressions/{address or @domain}} with an optional body
 *       {@code {"reason":"unsubscribed|bounced|manual"}} (default manual): 204</li>
 *   <li>{@code DELETE /sendguard/suppressions/{address or @domain}}: 204; 404 when no admin entry has
 *       it; 409 when only the conf file lists it (edit the file)</li>
 * </ul>
 *
 * 400 for an invalid address or domain or reason. Enable it in {@code webadmin.properties}
 * ({@code extensions.routes}).
 */
public class SuppressionRoutes implements Routes {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionRoutes.class);
    /**
     * The only body accepted: an empty object or one with a string (or null) {@code reason}. Parsed
     * by hand: the drop-in jar relocates Jackson away from James's copy.
     */
    private static final java.util.regex.Pattern BODY = java.util.regex.Pattern.compile(
        "\\s*\\{\\s*(?:\"reason\"\\s*:\\s*(?:\"([^\"\\\\]*)\"|(null))\\s*)?\\}\\s*");

    public static final String BASE_PATH = "/sendguard/suppressions";
    public static final String ENTRY_PATH = BASE_PATH + "/:entry";
    private static final String JSON = "application/json";

    private final RecipientLists lists;
    private final JsonTransformer jsonTransformer;

    @Inject
    public SuppressionRoutes(RecipientLists lists, JsonTransformer jsonTransformer) {
        this.lists = lists;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.get(BASE_PATH, JsonError.json(this::list), jsonTransformer);
        spark.put(ENTRY_PATH, JsonError.json(this::put), jsonTransformer);
        spark.delete(ENTRY_PATH, JsonError.json(this::delete), jsonTransformer);
    }


    private Object list(Request request, Response response) {
        return suppressions().entries().stream().map(SuppressionRoutes::toJson).collect(Collectors.toList());
    }

    private Object put(Request request, Response response) throws IOException {
        String entry = entry(request);
        String body = request.body();
        if ((body == null || body.isEmpty()) && request.contentLength() > 0) {
            // a form-encoded body (curl -d without a Content-Type) is taken apart as form fields by the server
            throw JsonError.badRequest("The body was sent as " + request.contentType() + " and could not be read: send "
                + "{\"reason\":\"unsubscribed|bounced|manual\"} with Content-Type: application/json");
        }
        SuppressionReason reason = reason(body);
        try {
            suppressions().put(entry, reason);
        } catch (IllegalArgumentException e) {
            throw JsonError.badRequest("Invalid suppression entry: " + e.getMessage());
        }
        LOGGER.info("Suppression entry added through WebAdmin ({})", reason.label());
        response.status(204);
        return "";
    }

    private Object delete(Request request, Response response) throws IOException {
        String entry = entry(request);
        SuppressionList suppressions = suppressions();
        boolean removed;
        try {
            removed = suppressions.remove(entry);
        } catch (IllegalArgumentException e) {
            throw JsonError.badRequest("Invalid suppression entry: " + e.getMessage());
        }
        if (!removed) {
            if (suppressions.fileLists(entry)) {
                throw new JsonError(409, ErrorType.INVALID_ARGUMENT,
                    "The entry comes from conf/sendguard-suppression.txt: remove it from the file", null);
            }
            throw new JsonError(404, ErrorType.NOT_FOUND, "No such suppression entry", null);
        }
        LOGGER.info("Suppression entry removed through WebAdmin");
        response.status(204);
        return "";
    }

    private SuppressionList suppressions() {
        return lists.suppressions();
    }

    private static String entry(Request request) {
        String entry = Optional.ofNullable(request.params(":entry")).map(String::trim).orElse("");
        try {
            SuppressionEntry.normalize(entry);
        } catch (IllegalArgumentException e) {
            throw JsonError.badRequest("Invalid suppression entry: " + e.getMessage()
                + " (expected an address such as bob@partner.example or a domain such as @partner.example)");
        }
        return entry;
    }

    private static SuppressionReason reason(String body) {
        if (body == null || body.isBlank()) {
            return SuppressionReason.MANUAL;
        }
        java.util.regex.Matcher matcher = BODY.matcher(body);
        if (!matcher.matches()) {
            throw JsonError.badRequest("The body must be a JSON object {\"reason\":\"unsubscribed|bounced|manual\"} or empty");
        }
        if (matcher.group(1) == null) {
            return SuppressionReason.MANUAL;
        }
        try {
            return SuppressionReason.parseAdminReason(matcher.group(1));
        } catch (IllegalArgumentException e) {
            throw JsonError.badRequest("'reason': " + e.getMessage());
        }
    }

    private static Map<String, Object> toJson(SuppressionEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entry", entry.value());
        json.put("reason", entry.reason().label());
        json.put("source", entry.source() == SuppressionEntry.Source.CONF_FILE ? "conf" : "webadmin");
        json.put("addedAt", entry.addedAt().map(Object::toString).orElse(null));
        return json;
    }

}
