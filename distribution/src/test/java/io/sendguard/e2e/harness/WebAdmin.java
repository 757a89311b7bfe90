package io.sendguard.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A thin WebAdmin client: the same HTTP calls an admin makes with curl. */
public final class WebAdmin {
    /** Status code and body of one response. */
    public static final class Response {
        public final int status;
        public final String body;

        public Response(int status, String body) {
            this.status = status;
            this.body = body;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public WebAdmin(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Creates a user with a password; fails unless WebAdmin answers 204. */
    public void createUser(String address, String password) {
        Response response = put("/users/" + address, "{\"password\":\"" + password + "\"}");
        if (response.status != 204) {
            throw new IllegalStateException("could not create user " + address + ": " + response);
        }
    }

    /** The held mail with this subject, as {@code GET /sendguard/holds} lists it; fails when there is none. */
    /** {@link #heldMail}, waiting up to 30 s for James to hold it (the SMTP answer comes before the hold). */
    public Map<String, Object> awaitHeldMail(String subject) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> found = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            try {
                found.set(heldMail(subject));
                return true;
            } catch (AssertionError notYet) {
                return false;
            }
        });
        return found.get();
    }

    public Map<String, Object> heldMail(String subject) {
        Response response = get("/sendguard/holds?limit=1000");
        if (response.status != 200) {
            throw new IllegalStateException("GET /sendguard/holds failed: " + response);
        }
        Map<String, Object> page;
        try {
            page = new ObjectMapper().readValue(response.body, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body, e);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream().filter(i -> subject.equals(i.get("subject"))).findFirst()
            .orElseThrow(() -> new AssertionError("not held: " + subject + " in " + response.body));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("WebAdmin call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
