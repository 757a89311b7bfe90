package io.sendguard.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the links in a notice as a person reads it, and follows them as a browser would. */
public final class Links {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    private Links() {
    }

    /** The link printed after {@code label:} (on the same or the next line). */
    public static String after(String noticeText, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ":\\s*(https?://\\S+)").matcher(noticeText);
        if (!m.find()) {
            throw new AssertionError("no link labelled '" + label + "' in:\n" + noticeText);
        }
        return m.group(1);
    }

    /** The "cancel only this recipient" link printed under a recipient. */
    public static String forRecipient(String noticeText, String recipient, String label) {
        Matcher m = Pattern.compile(Pattern.quote(recipient) + "\\s+" + Pattern.quote(label) + ":\\s*(https?://\\S+)")
            .matcher(noticeText);
        if (!m.find()) {
            throw new AssertionError("no '" + label + "' link for " + recipient + " in:\n" + noticeText);
        }
        return m.group(1);
    }

    public static WebAdmin.Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /**
     * Opens the page and submits its form (POST to the same URL) as a browser does: with the form's CSRF token and
     * the cookie the page set, and an optional comment.
     */
    public static WebAdmin.Response post(String url, String comment) {
        return post(url, comment, java.util.List.of());
    }

    /** {@link #post(String, String)} with checklist items ticked (form fields {@code check}). */
    public static WebAdmin.Response post(String url, String comment, java.util.List<String> ticked) {
        StringBuilder body = new StringBuilder();
        if (comment != null) {
            body.append("comment=").append(URLEncoder.encode(comment, StandardCharsets.UTF_8));
        }
        for (String item : ticked) {
            body.append(body.length() == 0 ? "" : "&").append("check=").append(URLEncoder.encode(item, StandardCharsets.UTF_8));
        }
        return postForm(url, body.toString());
    }

    /**
     * Opens the page (GET), ticks every item of its checklist (the checkboxes named {@code check}) as an approver
     * does, and submits the form with them and an optional comment.
     */
    public static WebAdmin.Response postTickingAll(String url, String comment) {
        WebAdmin.Response page = get(url);
        StringBuilder body = new StringBuilder(comment == null ? "" : "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8));
        for (String item : checklist(page.body)) {
            body.append(body.length() == 0 ? "" : "&").append("check=").append(URLEncoder.encode(item, StandardCharsets.UTF_8));
        }
        return postForm(url, body.toString());
    }

    /** The values of the page's checkboxes named {@code check} (HTML entities of the values decoded). */
    public static java.util.List<String> checklist(String html) {
        java.util.List<String> items = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("<input type=\"checkbox\" name=\"check\"[^>]*value=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            items.add(m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&"));
        }
        return items;
    }

    /**
     * Submits a form body (application/x-www-form-urlencoded) to the URL as the browser that opened its page does: the
     * page is opened first, and its CSRF token (when the page has a form) and cookie go with the body.
     */
    public static WebAdmin.Response postForm(String url, String body) {
        String form = body;
        String cookie = "";
        try {
            HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
            if (csrf.find()) {
                String token = "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
                form = form.isEmpty() ? token : token + "&" + form;
            }
            cookie = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(java.util.stream.Collectors.joining("; "));
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private static WebAdmin.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new WebAdmin.Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
