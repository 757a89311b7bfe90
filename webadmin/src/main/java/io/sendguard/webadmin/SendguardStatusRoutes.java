package io.sendguard.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.sendguard.core.stats.InspectionStats;
import spark.Service;

/**
 * {@code GET /sendguard/status}: the Sendguard version loaded in this James and what it inspected
 * since start. Protected like the rest of WebAdmin. Enable it in {@code webadmin.properties}:
 *
 * <pre>
 * extensions.routes=io.sendguard.webadmin.SendguardStatusRoutes
 * </pre>
 */
public class SendguardStatusRoutes implements Routes {
    public static final String BASE_PATH = "/sendguard";
    public static final String STATUS_PATH = BASE_PATH + "/status";

    private final InspectionStats stats;
    private final JsonTransformer jsonTransformer;

    @Inject
    public SendguardStatusRoutes(InspectionStats stats, JsonTransformer jsonTransformer) {
        this.stats = stats;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        // not BASE_PATH: James puts the auth filter on <basePath>/*, which would cover the public
        // action pages under /sendguard/actions
        return STATUS_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(STATUS_PATH, (request, response) -> {
            response.type("application/json");
            return status();
        }, jsonTransformer);
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("product", "Sendguard");
        status.put("version", version());
        status.put("inspectedMails", stats.inspectedMails());
        status.put("mailsWithFindings", stats.mailsWithFindings());
        status.put("findingsByCategory", stats.findingsByCategory());
        return status;
    }

    static String version() {
        String version = SendguardStatusRoutes.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
