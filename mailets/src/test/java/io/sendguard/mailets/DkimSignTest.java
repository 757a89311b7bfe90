package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimSigner;
import io.sendguard.dkim.keys.DkimKeyGenerator;

class DkimSignTest {
    @TempDir
    Path conf;

    /** Resolves file://conf/ against a temporary directory, like James's FileSystem does. */
    final class ConfFileSystem implements FileSystem {
        @Override
        public InputStream getResource(String url) throws IOException {
            return Files.newInputStream(getFile(url).toPath());
        }

        @Override
        public File getFile(String fileURL) throws FileNotFoundException {
            if (fileURL.startsWith(FILE_PROTOCOL_AND_CONF)) {
                return conf.resolve(fileURL.substring(FILE_PROTOCOL_AND_CONF.length())).toFile();
            }
            throw new FileNotFoundException(fileURL);
        }

        @Override
        public File getBasedir() {
            return conf.toFile();
        }
    }

    @BeforeEach
    void keys() throws Exception {
        Path dkim = Files.createDirectories(conf.resolve("dkim"));
        new DkimKeyGenerator().generate("example.com", "rsa1", DkimAlgorithm.RSA_SHA256, 2048, dkim);
        new DkimKeyGenerator().generate("example.com", "ed1", DkimAlgorithm.ED25519_SHA256, 0, dkim);
        Files.writeString(dkim.resolve("keytable"),
            "example.com rsa1 rsa example.com.rsa1.rsa.pem\n"
                + "example.com ed1 ed25519 example.com.ed1.ed25519.key\n");
    }

    private DkimSign mailet(String... params) throws MessagingException {
        DkimSign mailet = new DkimSign(new ConfFileSystem(), Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("DkimSign")
            .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(String from, String body8bit) throws Exception {
        String raw = "From: " + from + "\r\nTo: bob@partner.example\r\nSubject: test\r\n"
            + "Message-ID: <1@example.com>\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body8bit + "\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").mimeMessage(message).recipient("bob@partner.example").build();
    }

    private static String raw(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void serviceShouldDualSignTheSevenBitFormWhenAuthorDomainHasBothKeys() throws Exception {
        Mail mail = mail("Alice <alice@example.com>", "こんにちは");

        mailet("keyTable", "file://conf/dkim/keytable").service(mail);

        String raw = raw(mail);
        assertThat(raw).startsWith("DKIM-Signature:");
        assertThat(raw).contains("a=rsa-sha256", "a=ed25519-sha256", "d=example.com", "s=rsa1", "s=ed1");
        assertThat(raw).contains("Content-Transfer-Encoding: quoted-printable");
        assertThat(raw.chars()).as("7-bit only").allMatch(c -> c < 128);
    }

    @Test
    void serviceShouldSignAMalformedSevenBitMailAsItCameAndCheckItsSignatures() throws Exception {
        io.sendguard.mailets.audit.RecordingAuditLog audit = new io.sendguard.mailets.audit.RecordingAuditLog();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable", "verify", "true");
        mailet.setAuditing(audit, io.sendguard.mailets.audit.SendguardMetrics.none());
        String malformed = ReleaseHeldFailureTest.MALFORMED.replace("manager@example.com", "alice@example.com");
        Mail mail = FakeMail.builder().name("m").sender("alice@example.com").recipients("bob@partner.example")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(malformed.getBytes(StandardCharsets.US_ASCII)))).build();

        mailet.service(mail);

        assertThat(raw(mail)).startsWith("DKIM-Signature:").endsWith(malformed);
        assertThat(audit.events.get(0).details()).containsEntry("check", "ok");
    }

    @Test
    void serviceShouldRecordAndCountTheSignatureWhenAuditingIsInjected() throws Exception {
        io.sendguard.mailets.audit.RecordingAuditLog audit = new io.sendguard.mailets.audit.RecordingAuditLog();
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        mailet.setAuditing(audit, new io.sendguard.mailets.audit.SendguardMetrics(metrics));

        mailet.service(mail("Alice <alice@example.com>", "hello"));

        assertThat(audit.events).hasSize(1);
        io.sendguard.audit.AuditEvent event = audit.events.get(0);
        assertThat(event.type()).isEqualTo(io.sendguard.audit.AuditEventType.SIGNED);
        assertThat(event.messageId()).contains("<1@example.com>");
        assertThat(event.details()).containsEntry("domain", "example.com");
        assertThat(event.details().get("selector").split(",")).containsExactlyInAnyOrder("rsa1", "ed1");
        assertThat(event.details().get("algorithm").split(",")).containsExactlyInAnyOrder("rsa-sha256", "ed25519-sha256");
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNED)).isEqualTo(1);
    }

    @Test
    void serviceShouldCheckItsOwnSignaturesAndCountTheCheckWhenVerifyIsOn() throws Exception {
        io.sendguard.mailets.audit.RecordingAuditLog audit = new io.sendguard.mailets.audit.RecordingAuditLog();
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        mailet.setAuditing(audit, new io.sendguard.mailets.audit.SendguardMetrics(metrics));

        mailet.service(mail("Alice <alice@example.com>", "こんにちは 8-bit body"));

        assertThat(audit.events.get(0).details()).containsEntry("check", "ok");
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNATURE_CHECKED)).isEqualTo(1);
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNATURE_CHECK_FAILED)).isZero();
    }

    @Test
    void checkShouldFailAndCountWhenTheSignedBytesChanged() throws Exception {
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        mailet.setAuditing(new io.sendguard.mailets.audit.RecordingAuditLog(), new io.sendguard.mailets.audit.SendguardMetrics(metrics));
        Mail mail = mail("Alice <alice@example.com>", "hello");
        mailet.service(mail);
        MimeMessage changed = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw(mail).replace("Subject: test", "Subject: changed").getBytes(StandardCharsets.UTF_8)));

        byte[] signedBytes = raw(mail).getBytes(StandardCharsets.UTF_8);
        List<DkimSigner.Signed> signatures = DkimSigner.withDefaults()
            .signAllDetailed(signedBytes, mailet.activeKeys("example.com"));

        String result = mailet.check(mail, changed, signedBytes, signatures);

        assertThat(result).startsWith("failed: ").contains("s=rsa1", "s=ed1", "does not verify");
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNATURE_CHECK_FAILED)).isEqualTo(1);
    }

    /** A mail signed with every key of example.com, as bytes and as the message to be sent. */
    private static final class SignedFixture {
        final Mail mail;
        final List<DkimSigner.Signed> good;
        final byte[] signedBytes;
        final MimeMessage toSend;

        SignedFixture(DkimSign mailet) throws Exception {
            mail = mail("Alice <alice@example.com>", "hello");
            good = DkimSigner.withDefaults().signAllDetailed(raw(mail).getBytes(StandardCharsets.UTF_8),
                mailet.activeKeys("example.com"));
            StringBuilder fields = new StringBuilder();
            good.forEach(g -> fields.append(g.headerField()));
            signedBytes = (fields + raw(mail)).getBytes(StandardCharsets.UTF_8);
            toSend = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(signedBytes));
        }

        /** The same signed data with signature values that are not the key's (what a computation fault gives). */
        List<DkimSigner.Signed> faulty() throws Exception {
            List<DkimSigner.Signed> faulty = new ArrayList<>();
            for (DkimSigner.Signed g : good) {
                DkimSigner.Signed other = DkimSigner.withDefaults().signAllDetailed(
                    raw(mail("Mallory <alice@example.com>", "other")).getBytes(StandardCharsets.UTF_8), List.of(g.key())).get(0);
                faulty.add(new DkimSigner.Signed(g.key(), g.headerField(), g.signedData(), other.value()));
            }
            return faulty;
        }
    }

    @Test
    void checkOfUnchangedBytesShouldPassAndWithEd25519RecheckShouldCatchAWrongSignatureValue() throws Exception {
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable", "ed25519Recheck", "true");
        mailet.setAuditing(new io.sendguard.mailets.audit.RecordingAuditLog(), new io.sendguard.mailets.audit.SendguardMetrics(metrics));
        SignedFixture f = new SignedFixture(mailet);

        assertThat(mailet.check(f.mail, f.toSend, f.signedBytes, f.good)).isEqualTo("ok");

        String result = mailet.check(f.mail, f.toSend, f.signedBytes, f.faulty());

        // Ed25519 is signed again and compared; RSA is not verified a second time: the JDK's signer has
        // verified its result already (DkimPrivateKeySelfCheckTest)
        assertThat(result).startsWith("failed: ").contains("s=ed1", "computation fault").doesNotContain("s=rsa1");
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNATURE_CHECK_FAILED)).isEqualTo(1);
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNATURE_CHECKED)).isEqualTo(2);
    }

    @Test
    void withoutEd25519RecheckTheEd25519ComputationShouldBeLeftToTheSigner() throws Exception {
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        SignedFixture f = new SignedFixture(mailet);

        // the bytes are the signed bytes: neither value is computed again (RSA: the JDK's signer verified
        // it; Ed25519: BouncyCastle's on-curve check), so the substituted values pass unnoticed by design
        assertThat(mailet.check(f.mail, f.toSend, f.signedBytes, f.faulty())).isEqualTo("ok");
    }

    @Test
    void ed25519RecheckWithoutVerifyShouldFailAtStartupNamingTheParameter() {
        assertThatThrownBy(() -> mailet("keyTable", "file://conf/dkim/keytable", "verify", "false", "ed25519Recheck", "true"))
            .hasMessageContaining("ed25519Recheck");
    }

    @Test
    void serviceShouldNotCheckWhenVerifyIsOff() throws Exception {
        io.sendguard.mailets.audit.RecordingAuditLog audit = new io.sendguard.mailets.audit.RecordingAuditLog();
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable", "verify", "false");
        mailet.setAuditing(audit, new io.sendguard.mailets.audit.SendguardMetrics(metrics));

        mailet.service(mail("Alice <alice@example.com>", "hello"));

        assertThat(audit.events.get(0).details()).doesNotContainKey("check");
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNATURE_CHECKED)).isZero();
    }

    @Test
    void serviceShouldStillSignWhenTheAuditEventCannotBeRecorded() throws Exception {
        io.sendguard.mailets.audit.RecordingAuditLog audit = new io.sendguard.mailets.audit.RecordingAuditLog();
        audit.failing = true;
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        mailet.setAuditing(audit, io.sendguard.mailets.audit.SendguardMetrics.none());
        Mail mail = mail("Alice <alice@example.com>", "hello");

        mailet.service(mail);

        assertThat(raw(mail)).startsWith("DKIM-Signature:");
    }

    @Test
    void signedMessageShouldNotChangeWhenSavedAgain() throws Exception {
        Mail mail = mail("alice@example.com", "héllo");
        mailet().service(mail);
        String before = raw(mail);

        mail.getMessage().saveChanges();

        assertThat(raw(mail)).isEqualTo(before);
    }

    @Test
    void inJamesMailTheSignedMessageIsKeptAsItIsWithoutACopyAndSurvivesSavingAndDuplication() throws Exception {
        Mail fake = mail("Alice <alice@example.com>", "こんにちは");
        MailImpl mail = MailImpl.builder().name("m2").sender("alice@example.com").addRecipient("bob@partner.example")
            .mimeMessage(fake.getMessage()).build();

        mailet("keyTable", "file://conf/dkim/keytable").service(mail);

        assertThat(mail.getMessage()).isInstanceOf(DkimSign.SignedMessage.class);
        String signed = raw(mail);
        assertThat(signed).startsWith("DKIM-Signature:");
        mail.getMessage().saveChanges();
        assertThat(raw(mail)).isEqualTo(signed);
        MailImpl copy = MailImpl.duplicate(mail);
        assertThat(raw(copy)).isEqualTo(signed);
        assertThat(copy.getMessage().getSubject()).isEqualTo("test");
        assertThat(raw(mail)).isEqualTo(signed);
    }

    @Test
    void signedMessageShouldGiveTheSignedMessageIdWithoutParsingItsHeadersAgain() throws Exception {
        MailImpl mail = MailImpl.builder().name("m3").sender("alice@example.com").addRecipient("bob@partner.example")
            .mimeMessage(mail("Alice <alice@example.com>", "hello").getMessage()).build();

        mailet("keyTable", "file://conf/dkim/keytable").service(mail);

        DkimSign.SignedMessage signed = (DkimSign.SignedMessage) mail.getMessage();
        assertThat(signed.getMessageID()).isEqualTo("<1@example.com>");
        assertThat(signed.headersParsed()).isFalse();
        assertThat(raw(mail)).contains("\r\nMessage-ID: <1@example.com>\r\n");
        // once a header changes, the parsed headers answer
        signed.setHeader("Message-ID", "<2@example.com>");
        assertThat(signed.getMessageID()).isEqualTo("<2@example.com>");
    }

    @Test
    void signedMessageShouldWriteTheSignedBytesAsJamesWouldUntilSomethingChanges() throws Exception {
        MailImpl mail = MailImpl.builder().name("m5").sender("alice@example.com").addRecipient("bob@partner.example")
            .mimeMessage(mail("Alice <alice@example.com>", "こんにちは").getMessage()).build();
        mailet("keyTable", "file://conf/dkim/keytable").service(mail);
        DkimSign.SignedMessage signed = (DkimSign.SignedMessage) mail.getMessage();

        java.io.ByteArrayOutputStream direct = new java.io.ByteArrayOutputStream();
        signed.writeTo(direct);
        java.io.ByteArrayOutputStream asJames = new java.io.ByteArrayOutputStream();
        signed.writeAsJamesDoes(asJames);

        assertThat(direct.toByteArray()).isEqualTo(signed.bytes).isEqualTo(asJames.toByteArray());
        assertThat(signed.headersParsed()).isFalse();
        signed.addHeader("X-Later", "added after signing");
        java.io.ByteArrayOutputStream changed = new java.io.ByteArrayOutputStream();
        signed.writeTo(changed);
        assertThat(changed.toString(java.nio.charset.StandardCharsets.US_ASCII)).contains("X-Later: added after signing\r\n")
            .contains("\r\nDKIM-Signature: v=1; a=ed25519-sha256;");
    }

    @Test
    void signedMessageIdShouldBeTheOneAddedByTheSevenBitFormWhenTheMailHadNone() throws Exception {
        javax.mail.internet.MimeMessage message = new javax.mail.internet.MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(("From: alice@example.com\r\nTo: bob@partner.example\r\nSubject: no id\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nh\u00e9llo\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        MailImpl mail = MailImpl.builder().name("m4").sender("alice@example.com").addRecipient("bob@partner.example")
            .mimeMessage(message).build();

        mailet("keyTable", "file://conf/dkim/keytable").service(mail);

        String id = mail.getMessage().getMessageID();
        assertThat(id).as("James's saveChanges gives a mail without one a Message-ID").isNotNull();
        assertThat(raw(mail)).contains("\r\nMessage-ID: " + id + "\r\n");
    }

    @Test
    void serviceShouldSignWithParentKeyWhenAuthorIsInASubdomain() throws Exception {
        Mail mail = mail("alice@mail.example.com", "hi");

        mailet().service(mail);

        assertThat(raw(mail)).contains("d=example.com");
    }

    @Test
    void servicePassesUnsignedWhenDomainHasNoKeyAndPolicyIsPass() throws Exception {
        Mail mail = mail("someone@other.example", "hi");

        mailet().service(mail);

        assertThat(raw(mail)).doesNotContain("DKIM-Signature");
        assertThat(mail.getState()).isNotEqualTo("hold");
    }

    @Test
    void serviceShouldUseDefaultDomainKeyWhenPolicyIsDefault() throws Exception {
        Mail mail = mail("someone@other.example", "hi");

        mailet("onMissingKey", "default", "defaultDomain", "example.com").service(mail);

        assertThat(raw(mail)).contains("DKIM-Signature").contains("d=example.com");
    }

    @Test
    void serviceShouldRouteToHoldProcessorWhenPolicyIsHold() throws Exception {
        Mail mail = mail("someone@other.example", "hi");

        mailet("onMissingKey", "hold", "holdProcessor", "dkim-hold").service(mail);

        assertThat(mail.getState()).isEqualTo("dkim-hold");
    }

    @Test
    void serviceShouldUseANewKeyTableWithoutRestartWhenTheFileChanges() throws Exception {
        DkimSign mailet = mailet("reloadCheckInterval", "0");
        Path table = conf.resolve("dkim/keytable");
        new DkimKeyGenerator().generate("other.example", "new1", DkimAlgorithm.ED25519_SHA256, 0, conf.resolve("dkim"));
        Files.writeString(table, Files.readString(table) + "other.example new1 ed25519 other.example.new1.ed25519.key\n");
        Files.setLastModifiedTime(table, FileTime.from(Instant.now().plusSeconds(5)));

        Mail mail = mail("someone@other.example", "hi");
        mailet.service(mail);

        assertThat(raw(mail)).contains("d=other.example").contains("s=new1");
    }

    @Test
    void serviceShouldKeepThePreviousTableWhenTheNewOneIsBroken() throws Exception {
        DkimSign mailet = mailet("reloadCheckInterval", "0");
        Path table = conf.resolve("dkim/keytable");
        Files.writeString(table, "example.com broken\n");
        Files.setLastModifiedTime(table, FileTime.from(Instant.now().plusSeconds(5)));

        Mail mail = mail("alice@example.com", "hi");
        mailet.service(mail);

        assertThat(raw(mail)).contains("s=rsa1").contains("s=ed1");
    }

    @Test
    void initShouldNameTheFileAndLineWhenKeyTableIsBroken() throws Exception {
        Files.writeString(conf.resolve("dkim/keytable"), "example.com rsa1 rsa example.com.rsa1.rsa.pem\nexample.com x\n");

        assertThatThrownBy(this::mailet)
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("keyTable")
            .hasMessageContaining("line 2");
    }

    @Test
    void initShouldNameTheParameterWhenCanonicalizationIsInvalid() {
        assertThatThrownBy(() -> mailet("canonicalization", "loose/relaxed"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("canonicalization");
    }

    @Test
    void initShouldNameTheMissingParameterWhenPolicyIsDefaultWithoutDomain() {
        assertThatThrownBy(() -> mailet("onMissingKey", "default"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("defaultDomain");
    }

    @Test
    void initShouldNameTheParameterWhenItIsUnknown() {
        assertThatThrownBy(() -> mailet("selector", "s1"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("selector");
    }

    @Test
    void initShouldNameTheParameterWhenPolicyIsUnknown() {
        assertThatThrownBy(() -> mailet("onMissingKey", "drop"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("onMissingKey")
            .hasMessageContaining("drop");
    }

    @Test
    void serviceShouldLetTheMailLeaveUnsignedLoggedAndCountedWhenSigningDies() throws Exception {
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        mailet.setAuditing(io.sendguard.audit.AuditLog.disabled(), new io.sendguard.mailets.audit.SendguardMetrics(metrics));
        Mail mail = mail("Alice <alice@example.com>", "hello");
        MimeMessage original = mail.getMessage();
        mail.setMessage(new MimeMessage(original) {
            @Override
            public void writeTo(java.io.OutputStream out, String[] ignoreList) {
                throw new StackOverflowError();
            }

            @Override
            public void writeTo(java.io.OutputStream out) {
                throw new StackOverflowError();
            }
        });

        mailet.service(mail);

        assertThat(mail.getState()).isNotEqualTo(Mail.ERROR);
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.DKIM_SIGN_FAILED)).isEqualTo(1);
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.SIGNED)).isZero();
    }

    private static Mail rawMail(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        return FakeMail.builder().name("m1").mimeMessage(message).recipient("bob@partner.example").build();
    }

    @Test
    void serviceShouldSignTheUnambiguousFormWhenAHeaderUsesObsoleteSyntax() throws Exception {
        Mail mail = rawMail("From: alice@example.com\r\nTo: bob@partner.example\r\nSubject : x\r\nX-Note\t: y\r\n"
            + "Message-ID: <1@example.com>\r\n\r\nline 1\nline 2\r\n");

        mailet("keyTable", "file://conf/dkim/keytable").service(mail);

        String raw = raw(mail);
        assertThat(raw).startsWith("DKIM-Signature:").contains("\r\nSubject: x\r\n", "\r\nX-Note: y\r\n", "line 1\r\nline 2");
        assertThat(raw).doesNotContain("Subject :", "X-Note\t:");
    }

    @Test
    void serviceShouldLeaveUnsignedAndCountWhenAFieldNameCannotBeReadTheSameEverywhere() throws Exception {
        io.sendguard.mailets.audit.RecordingMetricFactory metrics = new io.sendguard.mailets.audit.RecordingMetricFactory();
        DkimSign mailet = mailet("keyTable", "file://conf/dkim/keytable");
        mailet.setAuditing(io.sendguard.audit.AuditLog.disabled(), new io.sendguard.mailets.audit.SendguardMetrics(metrics));
        Mail mail = rawMail("From: alice@example.com\r\nTo: bob@partner.example\r\nX-\u00dcml: x\r\nSubject: x\r\n"
            + "Message-ID: <1@example.com>\r\n\r\nbody\r\n");

        mailet.service(mail);

        assertThat(raw(mail)).doesNotContain("DKIM-Signature");
        assertThat(metrics.count(io.sendguard.mailets.audit.SendguardMetrics.DKIM_SIGN_FAILED)).isEqualTo(1);
    }
}
