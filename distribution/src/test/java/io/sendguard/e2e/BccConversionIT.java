package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.MailText;
import io.sendguard.e2e.harness.Mailbox;
import io.sendguard.e2e.harness.SendguardConf;
import io.sendguard.e2e.harness.Smtp;
import io.sendguard.e2e.harness.SmtpSink;
import io.sendguard.e2e.harness.WebAdmin;

/**
 * Automatic Bcc conversion and one-mail-per-recipient split in a real James with the shipped conf/ plus
 * two ConvertToBcc mailets in {@code sendguard-outbound} (before the hold): at the next hop, with the
 * threshold reached no copy shows another external recipient in any header line, every envelope
 * recipient gets exactly one copy and the local recipient stays visible; the newsletter account's mail
 * is split into one mail per recipient with distinct Message-IDs; below the threshold nothing changes.
 */
class BccConversionIT {
    static final String ALICE = "alice@example.com";
    static final String CAROL = "carol@example.com";
    static final String NEWS = "news@example.com";
    static final String PASSWORD = "secret-pw";
    static final String SUPERVISOR_APPROVAL = "<!-- Supervisor approval";

    static final String MAILETS = ""
        + "<!-- Test: automatic Bcc (自動BCC化) from 3 external recipients. -->\n"
        + "            <mailet match=\"All\" class=\"io.sendguard.mailets.recipients.ConvertToBcc\">\n"
        + "                <minExternalRecipients>3</minExternalRecipients>\n"
        + "                <keepInternalVisible>true</keepInternalVisible>\n"
        + "            </mailet>\n"
        + "            " + SUPERVISOR_APPROVAL;

    @TempDir
    static Path work;
    static SmtpSink sink;
    static JamesProcess james;
    static WebAdmin webAdmin;
    static Smtp submission;

    @BeforeAll
    static void startJames() throws Exception {
        sink = SmtpSink.start();
        // the shipped conf (split mode for news@example.com on release) with a lower Bcc threshold of 3
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), sink.port()).withHoldDelay("0")
            .replace("mailetcontainer.xml", SUPERVISOR_APPROVAL, MAILETS);
        james = JamesProcess.in(work, conf).start();
        webAdmin = new WebAdmin(conf.webAdminPort);
        webAdmin.createUser(ALICE, PASSWORD);
        webAdmin.createUser(CAROL, PASSWORD);
        webAdmin.createUser(NEWS, PASSWORD);
        submission = new Smtp(conf.submissionPort);
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

    private static String send(String from, String headers, String... recipients) throws Exception {
        String tag = UUID.randomUUID().toString();
        MimeMessage message = submission.parse("From: " + from + "\r\n" + headers + "X-Test-Id: " + tag
            + "\r\nSubject: =?UTF-8?B?5qGI5YaF?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nご案内\r\n");
        submission.sendAuthenticated(from, PASSWORD, message, recipients);
        return tag;
    }

    /** Every copy of the tagged mail at the next hop, once all the given recipients have theirs (and a moment more for duplicates). */
    private static List<SmtpSink.Received> awaitCopies(String tag, List<String> recipients) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> copies(tag).stream().flatMap(r -> r.recipients.stream()).collect(Collectors.toSet())
                .containsAll(recipients));
        // and no duplicate shows up a moment later
        int count = copies(tag).size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> copies(tag).size() == count);
        return copies(tag);
    }

    private static List<SmtpSink.Received> copies(String tag) {
        return sink.received().stream()
            .filter(r -> new String(r.raw, StandardCharsets.ISO_8859_1).contains(tag))
            .collect(Collectors.toList());
    }

    /** The unfolded header lines of the raw bytes, in lower case. */
    private static List<String> headerLines(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String section = end < 0 ? text : text.substring(0, end);
        List<String> lines = new ArrayList<>();
        for (String line : section.split("\r\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line);
            } else {
                lines.add(line);
            }
        }
        return lines.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toList());
    }

    /** For each recipient of each copy: no header line names another of the external addresses. */
    private static void assertNoCopyShowsAnotherExternalRecipient(List<SmtpSink.Received> copies, List<String> external) {
        for (SmtpSink.Received copy : copies) {
            List<String> lines = headerLines(copy.raw);
            for (String recipient : copy.recipients) {
                for (String other : external) {
                    if (!other.equalsIgnoreCase(recipient)) {
                        assertThat(lines).as("headers of the copy for %s", recipient)
                            .noneMatch(line -> line.contains(other.toLowerCase(Locale.ROOT)));
                    }
                }
            }
        }
    }

    private static void assertEachRecipientReceivedExactlyOnce(List<SmtpSink.Received> copies, List<String> external) {
        List<String> delivered = copies.stream().flatMap(r -> r.recipients.stream()).collect(Collectors.toList());
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(external);
    }

    @Test
    void externalRecipientsShouldBeHiddenWhenTheThresholdIsReached() throws Exception {
        List<String> external = List.of("b1@partner.example", "b2@partner.example", "c@other.example",
            "d@third.example", "e@fourth.example");
        String tag = send(ALICE,
            "To: =?UTF-8?B?5bGx55Sw?= <b1@partner.example>, B2@Partner.Example, Carol <" + CAROL + ">\r\n"
                + "Cc: Project: c@other.example, d@third.example;\r\n",
            "b1@partner.example", "b2@partner.example", "c@other.example", "d@third.example", "e@fourth.example", CAROL);

        List<SmtpSink.Received> copies = awaitCopies(tag, external);

        assertEachRecipientReceivedExactlyOnce(copies, external);
        assertNoCopyShowsAnotherExternalRecipient(copies, external);
        for (SmtpSink.Received copy : copies) {
            MimeMessage message = MailText.parse(copy.raw);
            assertThat(message.getHeader("To", ",")).isEqualTo("Carol <" + CAROL + ">");
            assertThat(message.getHeader("Cc")).isNull();
            assertThat(message.getHeader("Bcc")).isNull();
        }
        String carolsCopy = new Mailbox(james.conf().imapPort, CAROL, PASSWORD).awaitMessage(raw -> raw.contains(tag));
        assertThat(MailText.parse(carolsCopy).getHeader("To", ",")).contains(CAROL);
        assertThat(new Mailbox(james.conf().imapPort, CAROL, PASSWORD).messages()).filteredOn(raw -> raw.contains(tag)).hasSize(1);
        assertThat(webAdmin.get("/sendguard/holds?sender=" + ALICE).body)
            .contains("recipients.converted-to-bcc").contains("4 external recipients in 3 domains hidden");
    }

    @Test
    void mailBelowTheThresholdShouldPassUnchanged() throws Exception {
        List<String> external = List.of("f@partner.example", "g@other.example");
        String to = "Fumi <f@partner.example>, " + CAROL;
        String cc = "g@other.example";
        String tag = send(ALICE, "To: " + to + "\r\nCc: " + cc + "\r\n", "f@partner.example", "g@other.example", CAROL);

        List<SmtpSink.Received> copies = awaitCopies(tag, external);

        assertEachRecipientReceivedExactlyOnce(copies, external);
        for (SmtpSink.Received copy : copies) {
            MimeMessage message = MailText.parse(copy.raw);
            assertThat(message.getHeader("To", ",")).isEqualTo(to);
            assertThat(message.getHeader("Cc", ",")).isEqualTo(cc);
        }
    }

    @Test
    void newsletterMailShouldBeSplitIntoOneMailPerRecipient() throws Exception {
        List<String> external = List.of("s1@partner.example", "s2@partner.example", "s3@other.example", "s4@third.example");
        String tag = send(NEWS, "To: s1@partner.example, =?UTF-8?B?5bGx55Sw?= <s2@partner.example>\r\n"
                + "Cc: s3@other.example, " + CAROL + "\r\n",
            "s1@partner.example", "s2@partner.example", "s3@other.example", "s4@third.example", CAROL);

        List<SmtpSink.Received> copies = awaitCopies(tag, external);

        assertEachRecipientReceivedExactlyOnce(copies, external);
        assertNoCopyShowsAnotherExternalRecipient(copies, external);
        Set<String> messageIds = new HashSet<>();
        for (SmtpSink.Received copy : copies) {
            assertThat(copy.recipients).hasSize(1);
            MimeMessage message = MailText.parse(copy.raw);
            assertThat(message.getRecipients(javax.mail.Message.RecipientType.TO)).singleElement()
                .satisfies(to -> assertThat(((javax.mail.internet.InternetAddress) to).getAddress()).isEqualTo(copy.recipients.get(0)));
            assertThat(message.getHeader("Cc")).isNull();
            assertThat(message.getMessageID()).isNotBlank();
            messageIds.add(message.getMessageID());
        }
        assertThat(messageIds).hasSize(external.size());
        assertThat(new Mailbox(james.conf().imapPort, CAROL, PASSWORD).awaitMessage(raw -> raw.contains(tag))).contains(tag);
    }
}
