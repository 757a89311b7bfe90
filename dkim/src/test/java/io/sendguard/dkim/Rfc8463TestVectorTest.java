package io.sendguard.dkim;

import io.sendguard.dkim.canon.Canonicalization;
import io.sendguard.dkim.keys.DkimKeyLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc8463TestVectorTest {
    private static final long T = 1528637909L;
    private static Path dir;
    private static String signedMessage;
    private static byte[] unsignedMessage;
    private static String publishedEd25519;
    private static String publishedRsa;
    private static DkimSigner signer;

    @TempDir
    Path work;

    @BeforeAll
    static void setUp() throws Exception {
        dir = TestFiles.rfc8463Directory();
        signedMessage = Files.readString(dir.resolve("rfc8463-A3.eml"), StandardCharsets.US_ASCII);
        int bodyStart = signedMessage.indexOf("From: ");
        String[] sigs = signedMessage.substring(0, bodyStart).split("\r\n(?=DKIM-Signature:)");
        publishedEd25519 = sigs[0];
        publishedRsa = sigs[1];
        unsignedMessage = signedMessage.substring(bodyStart).getBytes(StandardCharsets.US_ASCII);
        SignatureOptions options = SignatureOptions.builder()
                .canonicalization(Canonicalization.RELAXED, Canonicalization.RELAXED)
                .headerSelection(HeaderSelection.of(List.of("from", "to", "subject", "date", "message-id"),
                        List.of("from", "subject", "date")))
                .identity("@football.example.com")
                .queryMethodTag(true)
                .headerListStyle(SignatureOptions.HeaderListStyle.SPACED)
                .build();
        signer = new DkimSigner(options, Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC));
    }

    private static String tag(String header, String name) {
        Matcher m = Pattern.compile("[;\\s]" + name + "=([^;]*)").matcher(header);
        assertThat(m.find()).as("tag %s in %s", name, header).isTrue();
        return m.group(1).replaceAll("\\s+", "");
    }

    private static DkimSigningKey ed25519Key() throws DkimConfigurationException {
        return DkimSigningKey.of("football.example.com", "brisbane",
                DkimKeyLoader.load(dir.resolve("rfc8463-ed25519.seed.b64"), DkimAlgorithm.ED25519_SHA256));
    }

    private static DkimSigningKey rsaKey() throws DkimConfigurationException {
        return DkimSigningKey.of("football.example.com", "test",
                DkimKeyLoader.load(dir.resolve("rfc8463-rsa.pem"), DkimAlgorithm.RSA_SHA256));
    }

    @Test
    void signShouldReproduceRfc8463Ed25519SignatureWhenGivenAppendixAKeys() throws Exception {
        String header = signer.sign(unsignedMessage, ed25519Key());

        assertThat(tag(header, "b")).isEqualTo(tag(publishedEd25519, "b"));
        assertThat(tag(header, "h")).isEqualTo(tag(publishedEd25519, "h"));
    }

    @Test
    void signShouldReproduceRfc8463RsaSignatureWhenGivenAppendixAKeys() throws Exception {
        // RSASSA-PKCS1-v1_5 is deterministic too
        String header = signer.sign(unsignedMessage, rsaKey());

        assertThat(tag(header, "b")).isEqualTo(tag(publishedRsa, "b"));
    }

    @Test
    void signShouldReproduceRfc8463BodyHashesForBothAlgorithms() throws Exception {
        List<String> headers = signer.signAll(unsignedMessage, List.of(ed25519Key(), rsaKey()));

        assertThat(tag(headers.get(0), "bh")).isEqualTo(tag(publishedEd25519, "bh"))
                .isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
        assertThat(tag(headers.get(1), "bh")).isEqualTo(tag(publishedRsa, "bh"));
    }

    @Test
    void loadedRfc8463KeysShouldMatchPublishedDnsRecords() throws Exception {
        String records = Files.readString(dir.resolve("rfc8463.keys"), StandardCharsets.US_ASCII);

        assertThat(records).contains("p=" + ed25519Key().privateKey().publicKeyBase64());
        assertThat(records).contains("p=" + rsaKey().privateKey().publicKeyBase64());
    }

    @Test
    void dkimpyShouldVerifyPublishedRfc8463MessageAndRejectItWhenTampered() throws Exception {
        Path keys = dir.resolve("rfc8463.keys");
        assertThat(DkimpyVerifier.run(dir.resolve("rfc8463-A3.eml"), keys, work).allPass()).isTrue();

        byte[] tampered = signedMessage.replace("We lost the game", "We won the game").getBytes(StandardCharsets.US_ASCII);
        DkimpyVerifier.Result result = DkimpyVerifier.verify(tampered, Files.readString(keys), work);
        assertThat(result.allPass()).as(result.toString()).isFalse();
    }

    @Test
    void dkimpyShouldVerifyOurDualSignatureOfRfc8463Message() throws Exception {
        byte[] signed = signer.signMessage(unsignedMessage, List.of(ed25519Key(), rsaKey()));

        DkimpyVerifier.Result result = DkimpyVerifier.verify(signed,
                Files.readString(dir.resolve("rfc8463.keys")), work);
        assertThat(result.allPass()).as(result.toString()).isTrue();
        assertThat(result.output()).contains("signature 0: PASS", "signature 1: PASS");
    }
}
