package io.sendguard.webadmin;

import static io.sendguard.webadmin.HoldFixture.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.audit.AddressPolicy;
import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditFinding;
import io.sendguard.audit.AuditSettings;
import io.sendguard.audit.FileAuditLog;
import io.sendguard.audit.Json;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.token.TokenAction;
import io.sendguard.mailets.audit.HoldAuditListener;
import io.sendguard.mailets.audit.SendguardMetrics;

/** The audit routes on a real Spark server over a real trail, fed by a real HoldService. */
class AuditRoutesTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-routes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    FileAuditLog log;
    HoldFixture fixture;

    @BeforeEach
    void setUp() {
        log = FileAuditLog.open(dir.resolve("audit"), AuditSettings.defaults().withRecipients(AddressPolicy.hashed(KEY)),
            new HoldFixture.TestClock(HoldFixture.START));
        fixture = new HoldFixture(dir, "en", service -> List.of(new AuditRoutes(log, new JsonTransformer())));
        fixture.service.addListener(new HoldAuditListener(log, SendguardMetrics.none()));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        log.close();
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return Json.parseObject(response.body());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(HttpResponse<String> response) {
        return (List<Map<String, Object>>) (List<?>) json(response).get("events");
    }

    void inspected(String messageId, Instant time) {
        log.append(AuditEvent.builder(AuditEventType.INSPECTED).time(time).messageId(messageId).mailName("mail-1")
            .sender("alice@example.com").recipient("bob@partner.example")
            .finding(new AuditFinding("keyword.confidential", "confidential", "HIGH", "subject")).build());
    }

    @Test
    void eventsShouldListTheHoldDecisionsWhenAMailIsHeldThenCancelled() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        fixture.service.perform(mail.id(), TokenAction.CANCEL, null, "alice@example.com", "");

        HttpResponse<String> response = fixture.get("/sendguard/audit/events?messageId=" + encode(mail.messageId()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        List<Map<String, Object>> events = events(response);
        assertThat(events).extracting(e -> e.get("type")).containsExactly("HELD", "CANCELLED");
        assertThat(events.get(1).get("actor")).isEqualTo("alice@example.com");
        assertThat(events.get(1).get("heldMailId")).isEqualTo(mail.id().asString());
        assertThat((List<?>) events.get(0).get("recipients")).singleElement().asString().startsWith("h:");
        assertThat(response.body()).doesNotContain("bob@partner.example");
    }

    @Test
    void eventsShouldFilterByRecipientTypeTimeAndLimitWhenGiven() {
        inspected("<1@example.com>", HoldFixture.START);
        inspected("<2@example.com>", HoldFixture.START.plusSeconds(60));
        log.append(AuditEvent.builder(AuditEventType.BLOCKED).time(HoldFixture.START.plusSeconds(120)).messageId("<2@example.com>")
            .sender("alice@example.com").recipient("carol@partner.example").build());

        assertThat(events(fixture.get("/sendguard/audit/events?recipient=" + encode("BOB@partner.example"))))
            .extracting(e -> e.get("messageId")).containsExactly("<1@example.com>", "<2@example.com>");
        assertThat(events(fixture.get("/sendguard/audit/events?type=blocked"))).extracting(e -> e.get("seq")).containsExactly(3L);
        // a misspelled filter is refused, not ignored
        HttpResponse<String> misspelled = fixture.get("/sendguard/audit/events?recipeint=x");
        assertThat(misspelled.statusCode()).isEqualTo(400);
        assertThat(misspelled.body()).contains("recipeint");
        assertThat(fixture.get("/sendguard/audit/export?form=2025-05-01T05:00:00Z").statusCode()).isEqualTo(400);
        // a Message-ID with or without its angle brackets
        assertThat(events(fixture.get("/sendguard/audit/events?messageId=" + encode("2@example.com"))))
            .extracting(e -> e.get("seq")).containsExactly(2L, 3L);
        assertThat(events(fixture.get("/sendguard/audit/events?messageId=" + encode("<2@example.com>"))))
            .extracting(e -> e.get("seq")).containsExactly(2L, 3L);
        assertThat(events(fixture.get("/sendguard/audit/events?from=2025-05-01T05:01:00Z&to=2025-05-01T05:02:00Z")))
            .extracting(e -> e.get("seq")).containsExactly(2L);
        assertThat(events(fixture.get("/sendguard/audit/events?sender=" + encode("alice@example.com") + "&limit=2"))).hasSize(2);
        Map<String, Object> first = events(fixture.get("/sendguard/audit/events?limit=1")).get(0);
        assertThat(first).containsEntry("time", "2025-05-01T05:00:00Z").containsEntry("mailName", "mail-1");
        assertThat(first.get("findings")).isEqualTo(List.of(Map.of("rule", "keyword.confidential", "category", "confidential",
            "severity", "HIGH", "location", "subject")));
    }

    @Test
    void eventsShouldAnswer400NamingTheParameterWhenAValueIsBad() {
        for (String query : List.of("from=yesterday", "to=2025-13-01T00:00:00Z", "limit=0", "limit=many", "limit=10001",
                "type=delivered", "from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z")) {
            HttpResponse<String> response = fixture.get("/sendguard/audit/events?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            Map<String, Object> body = json(response);
            assertThat(body).containsEntry("statusCode", 400L).containsEntry("type", "InvalidArgument");
            assertThat((String) body.get("message")).as(query).contains("'" + query.split("=")[0] + "'");
        }
    }

    @Test
    void exportShouldReturnTheStoredLinesAsJsonLinesWhenAsked() throws IOException {
        inspected("<1@example.com>", HoldFixture.START);
        inspected("<2@example.com>", HoldFixture.START.plusSeconds(60));
        inspected("<3@example.com>", HoldFixture.START.plusSeconds(120));

        HttpResponse<String> all = fixture.get("/sendguard/audit/export");
        HttpResponse<String> range = fixture.get("/sendguard/audit/export?from=2025-05-01T05:01:00Z&to=2025-05-01T05:02:00Z");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        String stored;
        try (var files = Files.list(dir.resolve("audit"))) {
            stored = Files.readString(files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
        assertThat(all.body()).isEqualTo(stored);
        assertThat(range.body().split("\n")).hasSize(1).allMatch(l -> l.startsWith("{\"seq\":2,"));
    }

    @Test
    void exportShouldAnswer400WhenARangeBoundIsBad() {
        HttpResponse<String> response = fixture.get("/sendguard/audit/export?to=tomorrow");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").toString()).contains("'to'");
    }

    @Test
    void verifyShouldSayOkWhenTheTrailIsIntact() {
        inspected("<1@example.com>", HoldFixture.START);
        inspected("<2@example.com>", HoldFixture.START);

        Map<String, Object> body = json(fixture.get("/sendguard/audit/verify"));

        assertThat(body).containsEntry("ok", true).containsEntry("records", 2L).containsEntry("lastSeq", 2L);
    }

    @Test
    void verifyShouldNameTheBrokenRecordWhenOneByteWasEdited() throws IOException {
        for (int i = 0; i < 5; i++) {
            inspected("<" + i + "@example.com>", HoldFixture.START.plus(Duration.ofSeconds(i)));
        }
        Path file;
        try (var files = Files.list(dir.resolve("audit"))) {
            file = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long offset = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 1 + lines.get(1).getBytes(StandardCharsets.UTF_8).length + 1
            + lines.get(2).indexOf("mail-1") + 5;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write('2');
        }

        HttpResponse<String> response = fixture.get("/sendguard/audit/verify");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("ok", false).containsEntry("records", 2L);
        assertThat(body.get("brokenAt")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("file", file.getFileName().toString()).containsEntry("line", 3L).containsEntry("seq", 3L)
            .containsKey("reason");
    }

    /** An audit log whose every read dies (as on hostile or damaged input). */
    static final class FailingAuditLog implements io.sendguard.audit.AuditLog {
        @Override
        public io.sendguard.audit.AuditRecord append(AuditEvent event) {
            throw new StackOverflowError();
        }

        @Override
        public List<io.sendguard.audit.AuditRecord> query(io.sendguard.audit.AuditQuery query) {
            throw new StackOverflowError();
        }

        @Override
        public long export(Instant from, Instant to, java.io.OutputStream out) {
            throw new OutOfMemoryError("test");
        }

        @Override
        public io.sendguard.audit.Verification verify() {
            throw new IllegalStateException("boom");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void routesShouldAnswer503InWordsWithoutAStackTraceWhenTheTrailFails() {
        HoldFixture failing = new HoldFixture(dir.resolve("failing"), "en",
            service -> List.of(new AuditRoutes(new FailingAuditLog(), new JsonTransformer())));
        try {
            for (String path : List.of("/sendguard/audit/events", "/sendguard/audit/verify", "/sendguard/audit/export")) {
                HttpResponse<String> response = failing.get(path);

                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(json(response).get("message")).as(path).isNotNull();
                assertThat(response.body()).as(path).doesNotContain("at io.sendguard", "Exception", "Error:", "java.");
            }
        } finally {
            failing.close();
        }
    }
}
