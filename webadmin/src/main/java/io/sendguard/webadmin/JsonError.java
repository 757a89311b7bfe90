package io.sendguard.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;

import io.sendguard.core.failsafe.Failsafe;

import spark.Route;

/**
 * An error answered as James-style JSON: {@code {"statusCode":..,"type":..,"message":..,"details":..}}
 * plus optional fields (e.g. the current {@code state} of a held mail on a 409). Shared by Sendguard's
 * WebAdmin routes; thrown from a handler wrapped with {@link #json(Route)}.
 */
final class JsonError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json";

    private final int statusCode;
    private final ErrorType type;
    private final String details;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    JsonError(int statusCode, ErrorType type, String message, String details) {
        super(message, null, false, false);
        this.statusCode = statusCode;
        this.type = type;
        this.details = details;
    }

    static JsonError badRequest(String message) {
        return new JsonError(400, ErrorType.INVALID_ARGUMENT, message, null);
    }

    static JsonError notFound(String message) {
        return new JsonError(404, ErrorType.NOT_FOUND, message, null);
    }

    /** Adds a field to the body (ignored when the value is null). */
    JsonError with(String key, Object value) {
        if (value != null) {
            extra.put(key, value);
        }
        return this;
    }

    int statusCode() {
        return statusCode;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", statusCode);
        body.put("type", type.getType());
        body.put("message", getMessage());
        body.put("details", details);
        body.putAll(extra);
        return body;
    }

    /**
     * Runs a handler that answers JSON, turning a {@link JsonError} into its status and body, and anything else it
     * throws ({@link Error}s included: a store that cannot be opened, a disk that is full) into a 503 "try again"
     * body in words, logged through {@link Failsafe} (the route pattern, never the request's values): never a stack
     * trace or a Java class name for the client.
     */
    static Route json(Route handler) {
        return (request, response) -> {
            response.type(JSON);
            try {
                return handler.handle(request, response);
            } catch (JsonError e) {
                response.status(e.statusCode);
                return e.body();
            } catch (Throwable failure) {
                Failsafe.log("WebAdmin " + request.requestMethod() + " " + request.matchedPath(), failure);
                JsonError unavailable = unavailable(failure);
                response.status(unavailable.statusCode);
                return unavailable.body();
            }
        };
    }

    /** 503: Sendguard failed inside; the words say so without naming Java classes. */
    static JsonError unavailable(Throwable failure) {
        return new JsonError(503, ErrorType.SERVER_ERROR, "Sendguard could not answer: " + Failsafe.describe(failure)
            + "; try again later", null);
    }
}
