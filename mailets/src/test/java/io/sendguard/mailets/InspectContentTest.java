package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.matchers.FindingsAttribute;

class InspectContentTest {
    @TempDir
    Path conf;
    InspectionStats stats = new InspectionStats();

    final class ConfFileSystem implements FileSystem {
        @Override
        public InputStream getResource(String url) throws IOException {
            return Files.newInputStream(getFile(url).toPath());
        }

        @Override
        public File getFile(String fileURL) throws FileNotFoundException {
            return conf.resolve(fileURL.replace(FILE_PROTOCOL_AND_CONF, "")).toFile();
        }

        @Override
        public File getBasedir() {
            return conf.toFile();
        }
    }

    @BeforeEach
    void dictionary() throws IOException {
        Files.writeString(conf.resolve("sendguard-keywords.txt"),
            "[category=confidential severity=high]\n社外秘\nstrictly confidential\n", StandardCharsets.UTF_8);
    }

    private InspectContent mailet(String... params) throws MessagingException {
        InspectContent mailet = new InspectContent(new ConfFileSystem(), stats);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("InspectContent");
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").sender("alice@example.com").recipient("bob@partner.example").mimeMessage(message).build();
    }

    @Test
    void serviceThenInspectAttachmentsShouldCatchAnExecutableInsideAZipInsideAZipNamingItsPath() throws Exception {
        java.io.ByteArrayOutputStream innerBytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(innerBytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("setup.exe"));
            zip.write(InspectAttachmentsTest.windowsExecutable());
            zip.closeEntry();
        }
        java.io.ByteArrayOutputStream outerBytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(outerBytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("docs/inner.zip"));
            zip.write(innerBytes.toByteArray());
            zip.closeEntry();
        }
        String raw = "Subject: tools\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--b\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=outer.zip\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(outerBytes.toByteArray()) + "\r\n--b--\r\n";
        Mail mail = mail(raw);
        InspectAttachments attachments = new InspectAttachments();
        attachments.init(FakeMailetConfig.builder().mailetName("InspectAttachments").build());

        mailet().service(mail);
        attachments.service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::location)
            .contains(org.assertj.core.groups.Tuple.tuple(InspectAttachments.RULE_BLOCKED_TYPE,
                "attachment:outer.zip!/docs/inner.zip!/setup.exe"));
        assertThat(FindingsAttribute.read(mail)).extracting(Finding::category).doesNotContain("uninspectable");
    }

    @Test
    void serviceShouldRecordAFindingWhenAKeywordIsInTheBody() throws Exception {
        Mail mail = mail("Subject: quote\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nこれは社　外　秘です\r\n");

        mailet().service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::category)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("keyword.confidential", "confidential"));
        assertThat(stats.mailsWithFindings()).isEqualTo(1);
    }

    @Test
    void serviceShouldCountAndTimeTheInspectionWhenMetricsAreInjected() throws Exception {
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        InspectContent mailet = mailet();
        mailet.setMetrics(new io.sendguard.mailets.audit.SendguardMetrics(metrics));

        mailet.service(mail("Subject: quote\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n社外秘\r\n"));
        mailet.service(mail("Subject: hello\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhello\r\n"));

        assertThat(metrics.count("sendguard_inspected")).isEqualTo(2);
        assertThat(metrics.count("sendguard_findings_confidential")).isEqualTo(1);
        assertThat(metrics.timings("sendguard_inspection_time")).hasSize(2);
    }

    @Test
    void aMailCountsOnceInTheStatusAndEveryDetectorsFindingsCountByCategory() throws Exception {
        String raw = "Subject: 社外秘 tools\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=setup.exe\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(InspectAttachmentsTest.windowsExecutable()) + "\r\n--b--\r\n";
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        InspectContent content = mailet();
        content.setMetrics(new io.sendguard.mailets.audit.SendguardMetrics(metrics));
        InspectAttachments attachments = new InspectAttachments(stats);
        attachments.setMetrics(new io.sendguard.mailets.audit.SendguardMetrics(metrics));
        attachments.init(FakeMailetConfig.builder().mailetName("InspectAttachments").build());

        Mail mail = mail(raw);
        content.service(mail);
        attachments.service(mail);

        assertThat(stats.inspectedMails()).isEqualTo(1);
        assertThat(stats.mailsWithFindings()).isEqualTo(1);
        assertThat(stats.findingsByCategory()).containsEntry("confidential", 1L).containsEntry("attachment", 1L);
        assertThat(metrics.count("sendguard_inspected")).isEqualTo(1);
        assertThat(metrics.count("sendguard_findings_confidential")).isEqualTo(1);
        assertThat(metrics.count("sendguard_findings_attachment")).isEqualTo(1);
    }

    @Test
    void serviceShouldRecordNothingForACleanMail() throws Exception {
        Mail mail = mail("Subject: hello\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nよろしくお願いします\r\n");

        mailet().service(mail);

        assertThat(FindingsAttribute.read(mail)).isEmpty();
        assertThat(stats.inspectedMails()).isEqualTo(1);
    }

    @Test
    void initShouldNameTheFileAndLineWhenTheDictionaryIsBroken() throws IOException {
        Files.writeString(conf.resolve("sendguard-keywords.txt"), "[category=x]\nre:(unclosed\n");

        assertThatThrownBy(this::mailet).isInstanceOf(MessagingException.class)
            .hasMessageContaining("dictionary").hasMessageContaining(":2");
    }

    @Test
    void initShouldNameTheParameterWhenALimitIsInvalid() {
        assertThatThrownBy(() -> mailet("maxArchiveDepth", "deep")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("maxArchiveDepth");
        assertThatThrownBy(() -> mailet("timeout", "0")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("timeout");
    }

    @Test
    void initShouldNameUnknownParameters() {
        assertThatThrownBy(() -> mailet("dictonary", "x")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("dictonary");
    }

    @Test
    void serviceShouldNotScanPersonalDataWhenNoPolicyIsConfigured() throws Exception {
        Mail mail = mail("Subject: hr\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nマイナンバー：123456789018\r\n");

        mailet().service(mail);

        assertThat(FindingsAttribute.read(mail)).isEmpty();
    }

    @Test
    void serviceShouldAppendMaskedPersonalDataFindingsWhenAPolicyIsConfigured() throws Exception {
        Files.writeString(conf.resolve("pd.properties"), "my-number.medium = 1\n", StandardCharsets.UTF_8);
        Mail mail = mail("Subject: hr\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "社外秘\r\nマイナンバー：1234 5678 9018\r\n");

        mailet("personalDataPolicy", "file://conf/pd.properties").service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::severity)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("keyword.confidential", io.sendguard.core.finding.Severity.HIGH),
                org.assertj.core.groups.Tuple.tuple("personal-data.my-number", io.sendguard.core.finding.Severity.MEDIUM));
        Finding personal = FindingsAttribute.read(mail).get(1);
        assertThat(personal.category()).isEqualTo("personal-data");
        assertThat(personal.location()).isEqualTo("body:text/plain");
        assertThat(personal.excerpt()).contains("**** **** 9018").doesNotContain("1234", "5678");
    }

    @Test
    void serviceShouldScanTheAttachmentTextOfTheSameExtractionWhenAPolicyIsConfigured() throws Exception {
        Files.writeString(conf.resolve("pd.properties"), "", StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("name,email\r\n");
        for (int i = 0; i < 100; i++) {
            csv.append("user").append(i).append(",user").append(i).append("@example.com\r\n");
        }
        Mail mail = mail("Subject: list\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nsee attached\r\n"
            + "--b\r\nContent-Type: text/csv; charset=UTF-8\r\nContent-Disposition: attachment; filename=list.csv\r\n\r\n"
            + csv + "--b--\r\n");

        mailet("personalDataPolicy", "file://conf/pd.properties").service(mail);

        assertThat(FindingsAttribute.read(mail)).extracting(Finding::ruleId, Finding::severity, Finding::location)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("personal-data.email-list", io.sendguard.core.finding.Severity.HIGH,
                "attachment:list.csv"));
    }

    @Test
    void initShouldNameTheParameterAndTheKeyWhenThePolicyIsBroken() throws IOException {
        Files.writeString(conf.resolve("pd.properties"), "card.medum = 3\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> mailet("personalDataPolicy", "file://conf/pd.properties")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("personalDataPolicy").hasMessageContaining("card.medum");
        assertThatThrownBy(() -> mailet("personalDataPolicy", "file://conf/missing.properties")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("personalDataPolicy").hasMessageContaining("missing.properties");
    }

    @Test
    void serviceShouldHoldForReviewAMailNestedDeeperThanMaxMimeDepth() throws Exception {
        Mail mail = mail(new String(MimeAttachmentsTest.nestedRaw(2_500), StandardCharsets.US_ASCII));

        mailet(InspectContent.PARAM_MAX_MIME_DEPTH, "25").service(mail);

        assertThat(FindingsAttribute.read(mail)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("inspection.limit");
            assertThat(f.category()).isEqualTo("uninspectable");
            assertThat(f.severity()).isEqualTo(io.sendguard.core.finding.Severity.HIGH);
            assertThat(f.excerpt()).isEqualTo("MIME structure nested deeper than 25 levels; the parts inside were not inspected");
        });
    }

    @Test
    void serviceShouldTurnAnErrorIntoAFindingInsteadOfThrowingIt() throws Exception {
        Mail mail = FakeMail.builder().name("m1").sender("alice@example.com").recipient("bob@partner.example")
            .mimeMessage(MimeAttachmentsTest.overflowing()).build();

        mailet().service(mail);

        assertThat(FindingsAttribute.read(mail)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("inspection.failed");
            assertThat(f.category()).isEqualTo("uninspectable");
            assertThat(f.severity()).isEqualTo(io.sendguard.core.finding.Severity.HIGH);
            assertThat(f.excerpt()).isEqualTo("the content could not be read: the structure of the mail is nested too deeply");
        });
    }

    @Test
    void initShouldRefuseAMaxMimeDepthOutOfRange() {
        assertThatThrownBy(() -> mailet(InspectContent.PARAM_MAX_MIME_DEPTH, "0")).isInstanceOf(MessagingException.class)
            .hasMessageContaining(InspectContent.PARAM_MAX_MIME_DEPTH);
        assertThatThrownBy(() -> mailet(InspectContent.PARAM_PARSER_THREADS, "0")).isInstanceOf(MessagingException.class)
            .hasMessageContaining(InspectContent.PARAM_PARSER_THREADS);
    }
}
