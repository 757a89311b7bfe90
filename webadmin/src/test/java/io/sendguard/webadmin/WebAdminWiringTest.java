package io.sendguard.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.mdc.LoggingRequestFilter;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;
import spark.Service;

/**
 * The routes wired as James's WebAdminServer wires them: a before filter making every answer JSON, the
 * authentication filter on each private route's base path, none on public routes, and the request
 * logging filter that reads query parameters and the body before any route runs.
 */
class WebAdminWiringTest {
    @TempDir
    Path dir;

    private HoldFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new HoldFixture(dir, "en", service -> List.of(
            new WiredLikeWebAdmin(List.of(new HoldRoutes(service, new JsonTransformer())))));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void adminRoutesShouldNeedAuthenticationAndWebAdminShouldServeNoActionPage() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        String token = fixture.token(mail, TokenAction.CANCEL, null);

        assertThat(fixture.get("/sendguard/holds").statusCode()).isEqualTo(401);
        assertThat(fixture.get("/sendguard/holds/" + mail.id().asString()).statusCode()).isEqualTo(401);
        // the pages behind notice links moved to Sendguard's own web listener (module web)
        assertThat(fixture.get("/sendguard/actions/" + token).statusCode()).isEqualTo(404);
        assertThat(fixture.postForm("/sendguard/actions/" + token, "").statusCode()).isEqualTo(404);
        assertThat(fixture.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    /** Installs the given routes with WebAdminServer's filters; the "authentication" needs a fixed bearer. */
    private static final class WiredLikeWebAdmin implements Routes {
        private final List<Routes> routes;

        WiredLikeWebAdmin(List<Routes> routes) {
            this.routes = routes;
        }

        @Override
        public String getBasePath() {
            return "/";
        }

        @Override
        public void define(Service service) {
            service.before((request, response) -> response.type("application/json"));
            // a filter reading the raw body first (form parameters are then only in the cached body)
            service.before((request, response) -> request.body());
            service.before(LoggingRequestFilter.create());
            for (Routes r : routes) {
                if (!(r instanceof PublicRoutes)) {
                    service.before(r.getBasePath(), (request, response) -> authenticate(service, request));
                    service.before(r.getBasePath() + "/*", (request, response) -> authenticate(service, request));
                    r.define(service);
                }
            }
            for (Routes r : routes) {
                if (r instanceof PublicRoutes) {
                    r.define(service);
                }
            }
        }

        private static void authenticate(Service service, spark.Request request) {
            if (!"Bearer admin".equals(request.headers("Authorization"))) {
                throw service.halt(401, "No Bearer header.");
            }
        }
    }
}
