package io.sendguard.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.sendguard.audit.AuditLog;
import io.sendguard.core.stats.InspectionStats;
import spark.Service;

/**
 * {@code GET /sendguard/status}: the Sendguard version loaded in this James, what it inspected since start and
 * the state of the audit trail; {@code GET /sendguard/status/health}: 200 when healthy, 503 naming what is not
 * (an audit event that could not be written, until one is written again). James 3.8.1 builds its own
 * {@code /healthcheck} from the server's modules only, which an extension cannot add to: monitor this route.
 * Protected like the rest of WebAdmin. Enable it in {@code webadmin.properties}:
 *
 * <pre>
 * extensions.routes=io.sendguard.webadmin.SendguardStatusRoutes
 * </pre>
 */
public class SendguardStatusRoutes implements Routes {
    public static final String BASE_PATH = "/sendguard";
    public static final String STATUS_PATH = BASE_PATH + "/status";
    public static final String HEALTH_PATH = STATUS_PATH + "/health";
    static final String AUDIT_COMPONENT = "Sendguard audit trail";

    private final InspectionStats stats;
    private final AuditLog audit;
    private final JsonTransformer jsonTransformer;

    @Inject
    public SendguardStatusRoutes(InspectionStats stats, AuditLog audit, JsonTransformer jsonTransformer) {
        this.stats = stats;
        this.audit = audit;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        // not BASE_PATH: James puts the auth filter on <basePath>/*, which would cover the other routes under /sendguard
        return STATUS_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(STATUS_PATH, JsonError.json((request, response) -> status()), jsonTransformer);
        service.get(HEALTH_PATH, JsonError.json((request, response) -> {
            Map<String, Object> health = health();
            response.status("healthy".equals(health.get("status")) ? 200 : 503);
            return health;
        }), jsonTransformer);
    }

    /** James's health check format: {@code {"status":..,"checks":[{"componentName":..,"status":..,"cause":..}]}}. */
    Map<String, Object> health() {
        Optional<String> auditFailure = audit.lastFailure();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("componentName", AUDIT_COMPONENT);
        check.put("status", auditFailure.isPresent() ? "unhealthy" : "healthy");
        check.put("cause", auditFailure.map(f -> "the last audit event could not be written: " + f).orElse(null));
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", check.get("status"));
        health.put("checks", List.of(check));
        return health;
    }

    private Map<String, Object> auditStatus() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("enabled", audit.isEnabled());
        state.put("healthy", audit.lastFailure().isEmpty());
        state.put("failedWrites", audit.failedWrites());
        state.put("lastFailure", audit.lastFailure().orElse(null));
        return state;
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("product", "Sendguard");
        status.put("version", version());
        status.put("inspectedMails", stats.inspectedMails());
        status.put("mailsWithFindings", stats.mailsWithFindings());
        status.put("findingsByCategory", stats.findingsByCategory());
        status.put("audit", auditStatus());
        return status;
    }

    static String version() {
        String version = SendguardStatusRoutes.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
