package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * The audit trail of a real James attacked by someone who can write its files but does not hold audit.hashKey:
 * one event rewritten with every following hash recomputed (the plain SHA-256 the chain used to be), records cut
 * from the start with anchor.json rewritten to match, records cut from the end. {@code GET /sendguard/audit/verify}
 * names each. A write that fails (the audit directory replaced by a file) shows in
 * {@code GET /sendguard/status/health} (503 until a write succeeds again) and in {@code sendguard_audit_write_failed}.
 * One record per file ({@code audit.rotateBytes=1}), so that every append opens a file in the directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTamperIT {
    static final String PASSWORD = "pw-secret";
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@partner.example";
    static final Pattern FILE = Pattern.compile("audit-\\d{8}T\\d{9}Z-(\\d{12})\\.jsonl");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;
    static Path audit;
    /** The trail as James wrote it, put back after each attack. */
    static Map<Path, byte[]> pristine;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("1s")
            .replace("sendguard-audit.properties", "audit.rotateBytes=67108864", "audit.rotateBytes=1");
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        submission = new Smtp(conf.submissionPort);
        audit = work.resolve("var/sendguard/audit");
        for (int i = 0; i < 2; i++) {
            sendAndAwait("audited " + UUID.randomUUID());
        }
        // the checkpoint (head.json) follows within a second of the last record
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(audit.resolve("head.json")));
        JsonNode verify = verify();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("records").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(verify.get("unkeyedRecords").asLong()).isZero();
        pristine = snapshot();
    }

    @AfterAll
    static void stopJames() throws Exception {
        if (james != null) {
            james.stop();
        }
        if (sink != null) {
            sink.close();
        }
    }

    static void sendAndAwait(String subject) throws Exception {
        submission.sendAuthenticated(ALICE, PASSWORD, Smtp.text(submission.newMessage(), ALICE, BOB, subject, "hello"), BOB);
        sink.awaitMail(r -> MailText.readable(r.text()).contains(subject), Duration.ofSeconds(60));
    }

    static JsonNode get(String path) throws Exception {
        WebAdmin.Response response = webAdmin.get(path);
        assertThat(response.status).as(path + " " + response).isEqualTo(200);
        return JSON.readTree(response.body);
    }

    static JsonNode verify() throws Exception {
        return get("/sendguard/audit/verify");
    }

    static Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(audit)) {
            for (Path file : list.collect(Collectors.toList())) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Puts the trail back as James wrote it (removing what an attack added). */
    @AfterEach
    void restore() throws Exception {
        if (pristine == null || !Files.isDirectory(audit)) {
            return;
        }
        try (Stream<Path> list = Files.list(audit)) {
            for (Path file : list.collect(Collectors.toList())) {
                if (!pristine.containsKey(file)) {
                    Files.delete(file);
                }
            }
        }
        for (Map.Entry<Path, byte[]> file : pristine.entrySet()) {
            Files.write(file.getKey(), file.getValue());
        }
        JsonNode verify = verify();
        assertThat(verify.get("ok").asBoolean()).as("restored: " + verify).isTrue();
    }

    /** The record files, oldest first. */
    static List<Path> recordFiles() throws IOException {
        try (Stream<Path> list = Files.list(audit)) {
            return list.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(p -> {
                    Matcher m = FILE.matcher(p.getFileName().toString());
                    m.matches();
                    return Long.parseLong(m.group(1));
                }))
                .collect(Collectors.toList());
        }
    }

    static String sha256Hex(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Test
    @Order(1)
    void verifyShouldNameARewrittenEventWhoseFollowingHashesWereRecomputed() throws Exception {
        List<Path> files = recordFiles();
        String prev = "0".repeat(64);
        for (int i = 0; i < files.size(); i++) {
            String line = Files.readString(files.get(i), StandardCharsets.UTF_8).trim();
            int cut = line.indexOf(",\"hash\":");
            String body = line.substring(0, cut) + "}";
            // the attacker changes the second event and recomputes every hash the way the chain used to be made
            body = body.replace(",\"chain\":\"hmac-sha256\"", "")
                .replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"", "\"prevHash\":\"" + prev + "\"");
            if (i == 1) {
                body = body.replace(ALICE, "mallory@example.com");
            }
            String hash = sha256Hex(prev + body);
            Files.writeString(files.get(i), body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}\n");
            prev = hash;
        }

        JsonNode verify = verify();

        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isFalse();
        assertThat(verify.get("brokenAt").get("reason").asText()).containsAnyOf("checkpoint", "this server has written");
    }

    @Test
    @Order(2)
    void verifyShouldNameATrailCutAtItsStartWithARewrittenAnchor() throws Exception {
        List<Path> files = recordFiles();
        String firstKept = Files.readString(files.get(3), StandardCharsets.UTF_8);
        JsonNode record = JSON.readTree(firstKept);
        for (Path file : files.subList(0, 3)) {
            Files.delete(file);
        }
        Files.writeString(audit.resolve("anchor.json"), "{\"file\":\"" + files.get(3).getFileName() + "\",\"seq\":"
            + record.get("seq").asLong() + ",\"prevHash\":\"" + record.get("prevHash").asText() + "\"}\n");

        JsonNode verify = verify();

        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isFalse();
        assertThat(verify.get("brokenAt").get("reason").asText()).contains("anchor.json");
    }

    @Test
    @Order(3)
    void verifyShouldNameATrailCutAtItsEnd() throws Exception {
        List<Path> files = recordFiles();
        for (Path file : files.subList(files.size() - 2, files.size())) {
            Files.delete(file);
        }

        JsonNode verify = verify();

        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isFalse();
        assertThat(verify.get("brokenAt").get("reason").asText()).contains("records were removed");
    }

    @Test
    @Order(4)
    void aFailedAuditWriteShouldShowInHealthAndTheCounterUntilAWriteSucceeds() throws Exception {
        assertThat(webAdmin.get("/sendguard/status/health").status).isEqualTo(200);
        Path aside = work.resolve("var/sendguard/audit-aside");
        Files.move(audit, aside);
        Files.writeString(audit, "not a directory");
        try {
            String subject = "unaudited " + UUID.randomUUID();
            submission.sendAuthenticated(ALICE, PASSWORD, Smtp.text(submission.newMessage(), ALICE, BOB, subject, "hello"), BOB);

            await().atMost(Duration.ofSeconds(60)).until(() -> webAdmin.get("/sendguard/status/health").status == 503);
            WebAdmin.Response health = webAdmin.get("/sendguard/status/health");
            assertThat(health.body).contains("Sendguard audit trail", "unhealthy", "could not be written");
            assertThat(health.body).doesNotContain("\tat ", "Exception:");
            JsonNode status = get("/sendguard/status").get("audit");
            assertThat(status.get("healthy").asBoolean()).isFalse();
            assertThat(status.get("failedWrites").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(webAdmin.get("/metrics").body).containsPattern("(?m)^sendguard_audit_write_failed(_total)? [1-9]");
            assertThat(Files.readString(james.log())).contains("Audit trail: an event could not be recorded");
        } finally {
            Files.delete(audit);
            Files.move(aside, audit);
        }
        sendAndAwait("audited again " + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> webAdmin.get("/sendguard/status/health").status == 200);
        pristine = snapshot();
    }
}
