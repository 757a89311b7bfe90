package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendguard.dkim.DkimpyVerifier;
import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * Mail signed by Sendguard inside a real James, captured at a next hop that does NOT advertise
 * 8BITMIME (so RemoteDelivery must send 7-bit), verifies with an independent verifier (Debian's
 * dkimpy) against the DNS records shipped in conf/dkim, for both signatures (rsa-sha256 and
 * ed25519-sha256); a tampered copy fails. The signing mailet runs with its defaults for the self-check
 * ({@code verify} on, {@code ed25519Recheck} off; the shipped conf turns the recheck on, which AuditIT covers):
 * the SIGNED audit event says the check passed.
 */
class DkimSigningIT {
    static final String ALICE = "alice@example.com";
    static final String PASSWORD = "alice-secret";
    static final String REMOTE = "bob@partner.example";

    @TempDir
    static Path work;
    @TempDir
    static Path scratch;
    static SmtpSink sink;
    static JamesProcess james;
    static Smtp submission;
    static String dnsRecords;
    static WebAdmin webAdmin;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.startWithout8BitMime();
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("0")
            .replace("mailetcontainer.xml", "                <verify>true</verify>\n", "")
            .replace("mailetcontainer.xml", "                <ed25519Recheck>true</ed25519Recheck>\n", "");
        webAdmin = new WebAdmin(conf.webAdminPort);
        james = JamesProcess.in(work, conf).start();
        webAdmin.createUser(ALICE, PASSWORD);
        submission = new Smtp(conf.submissionPort);
        Path dkim = SendguardConf.shipped().resolve("dkim");
        dnsRecords = Files.readString(dkim.resolve("example.com.s2026.dns.txt")) + "\n"
            + Files.readString(dkim.resolve("example.com.ed2026.dns.txt")) + "\n";
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

    private SmtpSink.Received sendRaw(String headersAndBody) throws Exception {
        return sendRaw(headersAndBody, new String[1]);
    }

    /** @param messageId receives the Message-ID the mail was sent with */
    private SmtpSink.Received sendRaw(String headersAndBody, String[] messageId) throws Exception {
        String tag = UUID.randomUUID().toString();
        String raw = "From: Alice <" + ALICE + ">\r\nTo: Bob <" + REMOTE + ">\r\nX-Test-Id: " + tag + "\r\n" + headersAndBody;
        MimeMessage message = submission.parse(raw);
        submission.sendAuthenticated(ALICE, PASSWORD, message, REMOTE);
        messageId[0] = message.getMessageID();
        return sink.awaitMail(r -> new String(r.raw, StandardCharsets.ISO_8859_1).contains(tag), Duration.ofSeconds(60));
    }

    private static void assertBothSignaturesVerify(SmtpSink.Received received) throws Exception {
        DkimpyVerifier.Result result = DkimpyVerifier.verify(received.raw, dnsRecords, scratch);
        assertThat(result.output()).contains("a=rsa-sha256").contains("a=ed25519-sha256");
        assertThat(result.allPass()).as(result.output()).isTrue();
    }

    private static void assertTamperedCopyFails(SmtpSink.Received received) throws Exception {
        String text = new String(received.raw, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        byte[] tampered = received.raw.clone();
        int index = bodyStart + (tampered.length - bodyStart) / 2;
        tampered[index] = (byte) (tampered[index] == 'x' ? 'y' : 'x');

        DkimpyVerifier.Result result = DkimpyVerifier.verify(tampered, dnsRecords, scratch);

        assertThat(result.allPass()).as(result.output()).isFalse();
    }

    @Test
    void mailWithObsoleteHeaderShapesShouldVerifyAtTheNextHop() throws Exception {
        String tag = UUID.randomUUID().toString();
        String raw = "From: Alice <" + ALICE + ">\r\nTo: Bob <" + REMOTE + ">\r\nX-Test-Id: " + tag + "\r\n"
            // whitespace before the colon (obsolete syntax, which dkimpy refuses), a whitespace-only folded line, tabs
            + "Subject : odd shapes\r\nX-Note\t:\tvalue\r\n \r\n\tcontinued\r\nMessage-ID: <" + tag + "@example.com>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello Bob,\r\n\tindented\t\r\n";

        submission.sendRawAuthenticated(ALICE, PASSWORD, raw.getBytes(StandardCharsets.US_ASCII), REMOTE);

        SmtpSink.Received received = sink.awaitMail(r -> new String(r.raw, StandardCharsets.ISO_8859_1).contains(tag),
            Duration.ofSeconds(60));
        assertThat(new String(received.raw, StandardCharsets.ISO_8859_1)).contains("\r\nSubject: odd shapes\r\n");
        assertBothSignaturesVerify(received);
        assertTamperedCopyFails(received);
    }

    @Test
    void plainAsciiMailShouldVerifyAtTheNextHop() throws Exception {
        SmtpSink.Received received = sendRaw("Subject: plain\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello Bob,\r\nthe quote is attached.\r\n");

        assertBothSignaturesVerify(received);
        assertTamperedCopyFails(received);
    }

    @Test
    void theMailetsDefaultSelfCheckShouldPassOnTheBytesSent() throws Exception {
        String[] messageId = new String[1];
        SmtpSink.Received received = sendRaw("Subject: self-check\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n見積書をお送りします。\r\n",
            messageId);
        assertBothSignaturesVerify(received);
        assertThat(new String(received.raw, StandardCharsets.ISO_8859_1)).containsIgnoringCase("Message-ID: " + messageId[0]);

        String path = "/sendguard/audit/events?limit=100&messageId=" + URLEncoder.encode(messageId[0], StandardCharsets.UTF_8);
        JsonNode signed = await().atMost(Duration.ofSeconds(30)).until(() -> signedEvent(path), java.util.Optional::isPresent).get();
        assertThat(signed.get("details").get("algorithm").asText()).contains("rsa-sha256").contains("ed25519-sha256");
        assertThat(signed.get("details").get("check").asText()).as(signed.toString()).isEqualTo("ok");
        assertThat(webAdmin.get("/metrics").body)
            .containsPattern("(?m)^sendguard_dkim_checked(_total)?(\\{[^}]*\\})? [1-9][0-9]*(\\.0)?$")
            .containsPattern("(?m)^sendguard_dkim_check_failed(_total)?(\\{[^}]*\\})? 0(\\.0)?$");
    }

    private static java.util.Optional<JsonNode> signedEvent(String path) throws Exception {
        WebAdmin.Response response = webAdmin.get(path);
        assertThat(response.status).as(path + " " + response).isEqualTo(200);
        for (JsonNode event : new ObjectMapper().readTree(response.body).get("events")) {
            if (event.get("type").asText().equals("SIGNED")) {
                return java.util.Optional.of(event);
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    void eightBitUtf8MailShouldVerifyAfterConversionForANextHopWithout8BitMime() throws Exception {
        SmtpSink.Received received = sendRaw("Subject: =?UTF-8?B?6KaL56mN5pu4?=\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "お世話になっております。見積書をお送りします。\r\n");

        assertThat(new String(received.raw, StandardCharsets.ISO_8859_1).chars()).as("7-bit at the next hop").allMatch(c -> c < 128);
        assertBothSignaturesVerify(received);
        assertTamperedCopyFails(received);
    }

    @Test
    void iso2022JpMailShouldVerifyAtTheNextHop() throws Exception {
        byte[] body = "お世話になっております。\r\n".getBytes("ISO-2022-JP");
        SmtpSink.Received received = sendRaw("Subject: =?ISO-2022-JP?B?GyRCOC1AcTxxGyhC?=\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
            + new String(body, StandardCharsets.ISO_8859_1));

        assertBothSignaturesVerify(received);
    }

    @Test
    void multipartMailWithAttachmentShouldVerifyAtTheNextHop() throws Exception {
        byte[] docx;
        try (java.io.InputStream in = DkimSigningIT.class.getResourceAsStream("/fixtures/clean.docx")) {
            docx = in.readAllBytes();
        }
        String encoded = java.util.Base64.getMimeEncoder().encodeToString(docx);
        SmtpSink.Received received = sendRaw("Subject: report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n報告書を添付します。\r\n"
            + "--b1\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=\"minutes.docx\"\r\n"
            + "Content-Disposition: attachment; filename=\"minutes.docx\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--b1--\r\n");

        assertBothSignaturesVerify(received);
        assertTamperedCopyFails(received);
    }
}
