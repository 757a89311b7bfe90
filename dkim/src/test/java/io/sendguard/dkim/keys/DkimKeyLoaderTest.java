package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimPrivateKey;
import io.sendguard.dkim.TestFiles;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DkimKeyLoaderTest {
    private static PrivateKey rsa2048;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa2048 = KeyFixtures.rsaKey(2048);
    }

    @Test
    void loadShouldReadPkcs1AndPkcs8RsaKeysToTheSameKey() throws Exception {
        DkimPrivateKey pkcs1 = DkimKeyLoader.load(KeyFixtures.writePkcs1(dir.resolve("k1.pem"), rsa2048), DkimAlgorithm.RSA_SHA256);
        DkimPrivateKey pkcs8 = DkimKeyLoader.load(KeyFixtures.writePkcs8(dir.resolve("k8.pem"), rsa2048), DkimAlgorithm.RSA_SHA256);

        assertThat(pkcs1.bits()).isEqualTo(2048);
        assertThat(pkcs1.publicKeyBase64()).isEqualTo(pkcs8.publicKeyBase64());
    }

    @Test
    void loadShouldReadRfc8463RsaPkcs1Key() throws Exception {
        DkimPrivateKey key = DkimKeyLoader.load(TestFiles.rfc8463Directory().resolve("rfc8463-rsa.pem"), DkimAlgorithm.RSA_SHA256);

        assertThat(key.bits()).isEqualTo(1024);
    }

    @Test
    void loadShouldRejectBadPemNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nTUlJQm9ndXM=\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> DkimKeyLoader.load(file, DkimAlgorithm.RSA_SHA256))
                .isInstanceOf(DkimConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("TUlJQm9ndXM");
    }

    @Test
    void loadShouldRejectNonPemRsaFileNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("garbage.txt"), "hello");

        assertThatThrownBy(() -> DkimKeyLoader.load(file, DkimAlgorithm.RSA_SHA256))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining(file.toString());
    }

    @Test
    void loadShouldReject512BitRsaKey() throws Exception {
        Path file = KeyFixtures.writePkcs8(dir.resolve("small.pem"), KeyFixtures.rsaKey(512));

        assertThatThrownBy(() -> DkimKeyLoader.load(file, DkimAlgorithm.RSA_SHA256))
                .isInstanceOf(DkimConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("512 bits");
    }

    @Test
    void loadShouldRejectEncryptedAndUnknownPemBlocks() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path cert = Files.writeString(dir.resolve("cert.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> DkimKeyLoader.load(encrypted, DkimAlgorithm.RSA_SHA256))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> DkimKeyLoader.load(cert, DkimAlgorithm.RSA_SHA256))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("CERTIFICATE");
    }

    @Test
    void loadShouldRejectMissingFile() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> DkimKeyLoader.load(missing, DkimAlgorithm.RSA_SHA256))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void loadShouldReadEd25519SeedAndPkcs8ToTheSameKey() throws Exception {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        byte[] pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112")),
                new DEROctetString(seed)).getEncoded();
        Path pem = Files.writeString(dir.resolve("ed.pem"), KeyFixtures.pem("PRIVATE KEY", pkcs8));

        DkimPrivateKey fromSeed = DkimKeyLoader.load(KeyFixtures.writeEd25519Seed(dir.resolve("ed.key"), seed),
                DkimAlgorithm.ED25519_SHA256);
        DkimPrivateKey fromPem = DkimKeyLoader.load(pem, DkimAlgorithm.ED25519_SHA256);

        assertThat(fromSeed.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(fromPem.publicKeyBase64()).isEqualTo(fromSeed.publicKeyBase64());
    }

    @Test
    void loadShouldRejectEd25519SeedOfWrongLengthWithoutShowingIt() throws Exception {
        String secret = Base64.getEncoder().encodeToString(new byte[31]);
        Path file = Files.writeString(dir.resolve("short.key"), secret);

        assertThatThrownBy(() -> DkimKeyLoader.load(file, DkimAlgorithm.ED25519_SHA256))
                .isInstanceOf(DkimConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(secret);
    }

    @Test
    void loadShouldRejectAlgorithmMismatch() throws Exception {
        Path file = KeyFixtures.writePkcs8(dir.resolve("rsa.pem"), rsa2048);

        assertThatThrownBy(() -> DkimKeyLoader.load(file, DkimAlgorithm.ED25519_SHA256))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("expected ed25519");
    }

    @Test
    void permissionCheckShouldDetectGroupOrOtherReadableFile() throws Exception {
        Path file = KeyFixtures.writeEd25519Seed(dir.resolve("perm.key"), new byte[32]);
        if (!KeyFilePermissions.supportsPosix(dir)) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(KeyFilePermissions.isReadableByGroupOrOthers(file)).isTrue();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFilePermissions.isReadableByGroupOrOthers(file)).isFalse();
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isNotEmpty();
    }
}
