package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimSigningKey;
import io.sendguard.dkim.tools.DkimKeygen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DkimKeyGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void generateShouldWriteEd25519SeedUsableThroughKeyTable() throws Exception {
        GeneratedKey key = new DkimKeyGenerator().generate("Example.com", "ed2026", DkimAlgorithm.ED25519_SHA256, 0, dir);

        assertThat(key.keyTableLine()).isEqualTo("example.com ed2026 ed25519 example.com.ed2026.ed25519.key active");
        assertThat(Base64.getDecoder().decode(Files.readString(key.keyFile()).trim())).hasSize(32);
        assertThat(KeyFilePermissions.isReadableByGroupOrOthers(key.keyFile())).isFalse();
        assertThat(key.dnsRecord().toZoneFileLine())
                .matches("ed2026\\._domainkey\\.example\\.com\\. IN TXT \"v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=\"");

        Files.writeString(dir.resolve("keytable"), key.keyTableLine() + "\n");
        DkimSigningKey loaded = KeyTable.load(dir.resolve("keytable"), dir, false).activeKeys("example.com").get(0);
        assertThat(loaded.privateKey().publicKeyBase64()).isEqualTo(key.signingKey().privateKey().publicKeyBase64());
    }

    @Test
    void dnsRecordShouldSplitLongRsaValuesInto255CharStrings() throws Exception {
        GeneratedKey key = new DkimKeyGenerator().generate("example.com", "r", DkimAlgorithm.RSA_SHA256, 2048, dir);

        DnsTxtRecord record = key.dnsRecord();
        assertThat(record.value()).startsWith("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        assertThat(record.strings()).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", record.strings())).isEqualTo(record.value());
        assertThat(record.toZoneFileLine()).startsWith("r._domainkey.example.com. IN TXT \"v=DKIM1; k=rsa; p=")
                .contains("\" \"");
        assertThat(Files.readString(key.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void generateShouldRefuseToOverwriteAndRejectBadSizes() throws Exception {
        new DkimKeyGenerator().generate("example.com", "e", DkimAlgorithm.ED25519_SHA256, 0, dir);

        assertThatThrownBy(() -> new DkimKeyGenerator().generate("example.com", "e", DkimAlgorithm.ED25519_SHA256, 0, dir))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> new DkimKeyGenerator().generate("example.com", "r", DkimAlgorithm.RSA_SHA256, 512, dir))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("512");
    }

    @Test
    void keygenMainShouldPrintKeyTableLineAndTxtRecord() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DkimKeygen.run(new String[]{"--domain", "example.org", "--selector", "s1", "--algorithm", "ed25519",
                "--out", dir.toString()}, new PrintStream(out, true), new PrintStream(err, true));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("example.org s1 ed25519 example.org.s1.ed25519.key active")
                .contains("s1._domainkey.example.org. IN TXT \"v=DKIM1; k=ed25519; p=");
    }

    @Test
    void keygenMainShouldRejectBadUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DkimKeygen.run(new String[]{"--domain", "example.org", "--algorithm", "dsa"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    @Test
    void keygenMainShouldNameAnUnknownAlgorithm() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DkimKeygen.run(new String[]{"--domain", "example.org", "--selector", "s1", "--algorithm", "dsa",
            "--out", "unused"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid algorithm 'dsa': expected rsa or ed25519");
    }
}
