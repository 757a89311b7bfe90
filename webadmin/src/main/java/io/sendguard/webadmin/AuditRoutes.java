package io.sendguard.webadmin;

import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditLog;
import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.audit.AuditQuery;
import io.sendguard.audit.AuditRecord;
import io.sendguard.audit.Verification;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin API of the audit trail, protected like the rest of WebAdmin:
 *
 * <ul>
 *   <li>{@code GET /sendguard/audit/events?from=&to=&sender=&recipient=&messageId=&type=&limit=100}: matching
 *       events, oldest first: {@code {"count":n,"limit":..,"events":[{seq, hash, time, type, messageId,
 *       mailName, heldMailId, sender, recipients, actor, comment, findings, details}]}}; {@code from}
 *       (inclusive) and {@code to} (exclusive) are ISO-8601 instants ({@code 2025-05-01T00:00:00Z})</li>
 *   <li>{@code GET /sendguard/audit/export?from=&to=}: the stored lines as JSON Lines
 *       ({@code application/x-ndjson}), hashes included, verifiable elsewhere</li>
 *   <li>{@code GET /sendguard/audit/verify}: {@code {"ok":true,"records":n,"lastSeq":..,"lastHash":..}} or
 *       {@code {"ok":false,"records":n,"brokenAt":{"file":..,"line":..,"seq":..,"reason":..}}}</li>
 * </ul>
 *
 * A bad parameter gets 400 with a James-style JSON error naming it. Enable it in
 * {@code webadmin.properties} ({@code extensions.routes=...,io.sendguard.webadmin.AuditRoutes}).
 */
public class AuditRoutes implements Routes {
    public static final String BASE_PATH = "/sendguard/audit";
    public static final String EVENTS_PATH = BASE_PATH + "/events";
    public static final String EXPORT_PATH = BASE_PATH + "/export";
    public static final String VERIFY_PATH = BASE_PATH + "/verify";
    private static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";

    private final AuditLog log;
    private final JsonTransformer jsonTransformer;

    @Inject
    public AuditRoutes(AuditLog log, JsonTransformer jsonTransformer) {
        this.log = log;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service spark) {
        spark.get(EVENTS_PATH, JsonError.json(this::events), jsonTransformer);
        spark.get(VERIFY_PATH, JsonError.json(this::verify), jsonTransformer);
        spark.get(EXPORT_PATH, (request, response) -> Failsafe.call("WebAdmin GET " + EXPORT_PATH,
            () -> export(request, response), failure -> {
                // before the first line only: once streaming, the client sees the cut answer
                if (!response.raw().isCommitted()) {
                    response.raw().reset();
                    response.type(JSON);
                    JsonError unavailable = JsonError.unavailable(failure);
                    response.status(unavailable.statusCode());
                    return jsonTransformer.render(unavailable.body());
                }
                return "";
            }));
    }


    private Object events(Request request, Response response) {
        QueryParameters.checkKnown(request, java.util.Set.of("from", "to", "sender", "recipient", "messageId", "type", "limit"));
        AuditQuery query = AuditQuery.all();
        Optional<Instant> from = instant(request, "from");
        Optional<Instant> to = instant(request, "to");
        checkRange(from, to);
        if (from.isPresent()) {
            query = query.from(from.get());
        }
        if (to.isPresent()) {
            query = query.to(to.get());
        }
        Optional<String> sender = param(request, "sender");
        if (sender.isPresent()) {
            query = query.sender(sender.get());
        }
        Optional<String> recipient = param(request, "recipient");
        if (recipient.isPresent()) {
            query = query.recipient(recipient.get());
        }
        Optional<String> messageId = param(request, "messageId");
        if (messageId.isPresent()) {
            // as written in the header, <...>; the angle brackets may be left out
            String id = messageId.get().trim();
            query = query.messageId(id.startsWith("<") ? id : "<" + id + ">");
        }
        Optional<String> type = param(request, "type");
        if (type.isPresent()) {
            query = query.type(AuditEventType.parse(type.get()).orElseThrow(() -> JsonError.badRequest("'type' must be one of "
                + List.of(AuditEventType.values()) + ", got '" + type.get() + "'")));
        }
        int limit = limit(request);
        List<AuditRecord> records = log.query(query.limit(limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", log.isEnabled());
        body.put("count", records.size());
        body.put("limit", limit);
        body.put("events", records.stream().map(AuditRoutes::item).collect(Collectors.toList()));
        return body;
    }

    static Map<String, Object> item(AuditRecord record) {
        AuditEvent event = record.event();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("seq", record.seq());
        item.put("hash", record.hash());
        item.put("time", event.time().map(Instant::toString).orElse(null));
        item.put("type", event.type().name());
        item.put("messageId", event.messageId().orElse(null));
        item.put("mailName", event.mailName().orElse(null));
        item.put("heldMailId", event.heldMailId().orElse(null));
        item.put("sender", event.sender().orElse(null));
        item.put("recipients", event.recipients());
        item.put("actor", event.actor().orElse(null));
        item.put("comment", event.comment().orElse(null));
        item.put("findings", event.findings().stream().map(f -> {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("rule", f.rule());
            finding.put("category", f.category());
            finding.put("severity", f.severity());
            finding.put("location", f.location());
            return finding;
        }).collect(Collectors.toList()));
        item.put("details", event.details());
        return item;
    }

    private Object verify(Request request, Response response) {
        Verification verification = log.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", verification.isOk());
        body.put("records", verification.records());
        if (verification.isOk()) {
            body.put("lastSeq", verification.lastSeq());
            body.put("lastHash", verification.lastHash());
            body.put("unkeyedRecords", verification.unkeyedRecords());
        }
        verification.brokenAt().ifPresent(broken -> {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("file", broken.file());
            at.put("line", broken.line());
            at.put("seq", broken.seq());
            at.put("reason", broken.reason());
            body.put("brokenAt", at);
        });
        body.put("enabled", log.isEnabled());
        return body;
    }

    private Object export(Request request, Response response) throws Exception {
        Optional<Instant> from;
        Optional<Instant> to;
        try {
            QueryParameters.checkKnown(request, java.util.Set.of("from", "to"));
            from = instant(request, "from");
            to = instant(request, "to");
            checkRange(from, to);
        } catch (JsonError e) {
            response.type(JSON);
            response.status(400);
            return jsonTransformer.render(e.body());
        }
        response.type(NDJSON);
        response.header("Content-Disposition", "attachment; filename=\"sendguard-audit.jsonl\"");
        OutputStream out = response.raw().getOutputStream();
        log.export(from.orElse(null), to.orElse(null), out);
        out.flush();
        return "";
    }

    private static void checkRange(Optional<Instant> from, Optional<Instant> to) {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw JsonError.badRequest("'from' must be before 'to'");
        }
    }

    private static Optional<Instant> instant(Request request, String name) {
        Optional<String> value = param(request, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.get().trim()));
        } catch (DateTimeParseException e) {
            throw JsonError.badRequest("'" + name + "' must be an ISO-8601 instant such as 2025-05-01T00:00:00Z, got '"
                + value.get() + "'");
        }
    }

    private static int limit(Request request) {
        Optional<String> value = param(request, "limit");
        if (value.isEmpty()) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get().trim());
            if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw JsonError.badRequest("'limit' must be an integer from 1 to " + AuditQuery.MAX_LIMIT + ", got '" + value.get() + "'");
        }
    }

    private static Optional<String> param(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).filter(v -> !v.isBlank());
    }

}
