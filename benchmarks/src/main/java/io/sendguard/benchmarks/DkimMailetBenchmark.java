package io.sendguard.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;


import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.jdkim.mailets.DKIMSign;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.keys.DkimKeyGenerator;
import io.sendguard.mailets.DkimSign;

/**
 * The CPU cost per mail of signing in the mailet container, without SMTP and its noise: a mail as the
 * spool hands it over (parsed from bytes), the signing mailet, then the message written out as
 * RemoteDelivery does. Variants: no signing (the cost of the mail itself), James's own DKIMSign with
 * RSA-2048, and Sendguard's DkimSign with RSA-2048, Ed25519 or both, with and without its check of
 * its own signatures ({@code verify}), and with the second Ed25519 signature ({@code ed25519Recheck}). Mails per second on one thread; ratios between variants of one
 * run are what counts.
 *
 * <pre>
 * ./bench/dkim-mailet.sh
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(1)
public class DkimMailetBenchmark {
    @Param({"unsigned", "james-DKIMSign-rsa2048", "sendguard-rsa2048", "sendguard-ed25519", "sendguard-dual",
        "sendguard-ed25519-recheck", "sendguard-dual-recheck",
        "sendguard-rsa2048-noverify", "sendguard-ed25519-noverify", "sendguard-dual-noverify"})
    public String variant;

    private Mailet mailet;
    private byte[] raw;

    @Setup
    public void setUp() throws Exception {
        Path conf = Files.createTempDirectory("dkim-mailet-bench");
        Path dkim = Files.createDirectories(conf.resolve("dkim"));
        Path rsaKey = new DkimKeyGenerator().generate("example.com", "rsa1", DkimAlgorithm.RSA_SHA256, 2048, dkim).keyFile();
        new DkimKeyGenerator().generate("example.com", "ed1", DkimAlgorithm.ED25519_SHA256, 0, dkim);
        StringBuilder table = new StringBuilder();
        if (!variant.contains("ed25519")) {
            table.append("example.com rsa1 rsa example.com.rsa1.rsa.pem\n");
        }
        if (variant.contains("ed25519") || variant.contains("dual")) {
            table.append("example.com ed1 ed25519 example.com.ed1.ed25519.key\n");
        }
        Files.writeString(dkim.resolve("keytable"), table);

        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("sign")
            .mailetContext(FakeMailContext.defaultContext());
        if (variant.equals("unsigned")) {
            mailet = null;
        } else if (variant.startsWith("james")) {
            mailet = new DKIMSign();
            config.setProperty("signatureTemplate", "v=1; s=rsa1; d=example.com; h=from:to:subject:date:message-id; a=rsa-sha256; bh=; b=;");
            config.setProperty("privateKey", Files.readString(rsaKey));
        } else {
            mailet = new DkimSign(new ConfDirectory(conf));
            config.setProperty("keyTable", "file://conf/dkim/keytable");
            config.setProperty("verify", String.valueOf(!variant.endsWith("noverify")));
            config.setProperty("ed25519Recheck", String.valueOf(variant.endsWith("-recheck")));
        }
        if (mailet != null) {
            mailet.init(config.build());
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append("This is line ").append(i).append(" of an ordinary business mail body.\r\n");
        }
        raw = ("Return-Path: <alice@example.com>\r\nFrom: Alice <alice@example.com>\r\nTo: bob@partner.example\r\n"
            + "Subject: quote\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
            + body).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * As in James: the received mail is a MailImpl over a MimeMessageWrapper reading the received bytes;
     * after the mailet, RemoteDelivery's queue takes a duplicate, which is written to the next hop.
     */
    @Benchmark
    public Mail signAndWrite() throws Exception {
        MailImpl mail = MailImpl.builder().name("m").sender("alice@example.com").addRecipient("bob@partner.example")
            .build();
        mail.setMessageContent(new ReceivedBytes(raw));
        if (mailet != null) {
            mailet.service(mail);
        }
        MailImpl queued = MailImpl.duplicate(mail);
        queued.getMessage().writeTo(OutputStream.nullOutputStream());
        queued.dispose();
        mail.dispose();
        return queued;
    }

    /** The received bytes, as James's SMTP server hands them to the mailet container. */
    static final class ReceivedBytes implements MimeMessageSource {
        private final byte[] bytes;

        ReceivedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getSourceId() {
            return "received";
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long getMessageSize() {
            return bytes.length;
        }
    }

    /** James's file system over a directory standing for conf/. */
    static final class ConfDirectory implements FileSystem {
        private final Path conf;

        ConfDirectory(Path conf) {
            this.conf = conf;
        }

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
}
