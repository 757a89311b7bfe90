package io.sendguard.dkim;

import io.sendguard.dkim.canon.Canonicalization;
import io.sendguard.dkim.keys.DkimKeyGenerator;
import io.sendguard.dkim.keys.DkimKeyLoader;
import io.sendguard.dkim.keys.GeneratedKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Signs with our code, verifies with dkimpy (Debian python3-dkim). */
class IndependentVerificationTest {
    private static DkimSigningKey rsa2048;
    private static DkimSigningKey rsa4096;
    private static DkimSigningKey ed25519;
    private static String dnsRecords;

    @TempDir
    static Path keyDir;
    @TempDir
    Path work;

    @BeforeAll
    static void generateKeys() throws Exception {
        DkimKeyGenerator generator = new DkimKeyGenerator(new SecureRandom());
        List<GeneratedKey> keys = new ArrayList<>();
        keys.add(generator.generate("example.com", "rsa2048", DkimAlgorithm.RSA_SHA256, 2048, keyDir));
        keys.add(generator.generate("example.com", "rsa4096", DkimAlgorithm.RSA_SHA256, 4096, keyDir));
        keys.add(generator.generate("example.com", "ed", DkimAlgorithm.ED25519_SHA256, 0, keyDir));
        StringBuilder dns = new StringBuilder();
        for (GeneratedKey k : keys) {
            dns.append(k.dnsRecord().toZoneFileLine()).append('\n');
        }
        dnsRecords = dns.toString();
        // reload from the written files to exercise the loader on generated output
        rsa2048 = reload(keys.get(0));
        rsa4096 = reload(keys.get(1));
        ed25519 = reload(keys.get(2));
    }

    private static DkimSigningKey reload(GeneratedKey k) throws DkimConfigurationException {
        return DkimSigningKey.of(k.signingKey().domain(), k.signingKey().selector(),
                DkimKeyLoader.load(k.keyFile(), k.signingKey().algorithm()));
    }

    static Stream<Arguments> keysAndCanonicalizations() {
        List<Arguments> out = new ArrayList<>();
        for (String key : List.of("rsa2048", "rsa4096", "ed25519")) {
            for (Canonicalization header : Canonicalization.values()) {
                for (Canonicalization body : Canonicalization.values()) {
                    out.add(Arguments.of(key, header, body));
                }
            }
        }
        return out.stream();
    }

    private static DkimSigningKey key(String name) {
        switch (name) {
            case "rsa2048":
                return rsa2048;
            case "rsa4096":
                return rsa4096;
            default:
                return ed25519;
        }
    }

    private static DkimSigner signer(Canonicalization header, Canonicalization body) throws DkimConfigurationException {
        return new DkimSigner(SignatureOptions.builder().canonicalization(header, body).build(), Clock.systemUTC());
    }

    private DkimpyVerifier.Result verify(byte[] signed) throws Exception {
        return DkimpyVerifier.verify(signed, dnsRecords, work);
    }

    @ParameterizedTest(name = "{0} c={1}/{2}")
    @MethodSource("keysAndCanonicalizations")
    void dkimpyShouldVerifySignatureOfPlainMessage(String keyName, Canonicalization header, Canonicalization body)
            throws Exception {
        byte[] signed = signer(header, body).signMessage(TestMessages.plain(), List.of(key(keyName)));

        DkimpyVerifier.Result result = verify(signed);
        assertThat(result.allPass()).as(result.toString()).isTrue();
    }

    @Test
    void dkimpyShouldVerifyDualSignedMessageWithRsaAndEd25519() throws Exception {
        byte[] signed = DkimSigner.withDefaults().signMessage(TestMessages.plain(), List.of(rsa2048, ed25519));

        DkimpyVerifier.Result result = verify(signed);
        assertThat(result.allPass()).as(result.toString()).isTrue();
        assertThat(result.output()).contains("signature 0: PASS", "signature 1: PASS");
    }

    @Test
    void dualSignaturesShouldNotCoverEachOther() throws Exception {
        List<String> headers = DkimSigner.withDefaults().signAll(TestMessages.plain(), List.of(rsa2048, ed25519));

        assertThat(headers).hasSize(2).allSatisfy(h -> {
            String hTag = h.substring(h.indexOf(" h=") + 3, h.indexOf(';', h.indexOf(" h=")));
            assertThat(hTag.toLowerCase()).doesNotContain("dkim-signature");
            assertThat(h.indexOf("DKIM-Signature:", 1)).isEqualTo(-1);
        });
        // each verifies alone on the original message
        for (String header : headers) {
            byte[] single = concat(header.getBytes(StandardCharsets.US_ASCII), TestMessages.plain());
            assertThat(verify(single).allPass()).isTrue();
        }
    }

    @Test
    void dkimpyShouldVerifyMultipartMessageWithAttachment() throws Exception {
        for (Canonicalization c : Canonicalization.values()) {
            byte[] signed = signer(c, c).signMessage(TestMessages.multipartWithAttachment(), List.of(rsa2048, ed25519));

            DkimpyVerifier.Result result = verify(signed);
            assertThat(result.allPass()).as(c + " " + result).isTrue();
        }
    }

    @Test
    void dkimpyShouldVerifyIso2022JpMessage() throws Exception {
        for (Canonicalization c : Canonicalization.values()) {
            byte[] signed = signer(c, c).signMessage(TestMessages.iso2022jp(), List.of(rsa4096, ed25519));

            DkimpyVerifier.Result result = verify(signed);
            assertThat(result.allPass()).as(c + " " + result).isTrue();
        }
    }

    @Test
    void dkimpyShouldVerifySignatureWithExpiryIdentityAndBodyLength() throws Exception {
        DkimSigner signer = new DkimSigner(SignatureOptions.builder()
                .expiry(Duration.ofDays(7)).identity("alice@example.com").bodyLengthTag(true).build(), Clock.systemUTC());
        byte[] signed = signer.signMessage(TestMessages.plain(), List.of(rsa2048, ed25519));

        String text = new String(signed, StandardCharsets.US_ASCII);
        assertThat(text).contains(" x=", " i=alice@example.com;", " l=");
        DkimpyVerifier.Result result = verify(signed);
        assertThat(result.allPass()).as(result.toString()).isTrue();
    }

    @Test
    void dkimpyShouldRejectMessageWhenOneBodyByteChanged() throws Exception {
        for (DkimSigningKey key : List.of(rsa2048, ed25519)) {
            byte[] signed = DkimSigner.withDefaults().signMessage(TestMessages.multipartWithAttachment(), List.of(key));
            int index = new String(signed, StandardCharsets.US_ASCII).indexOf("See the attached file");
            signed[index] = 's';

            DkimpyVerifier.Result result = verify(signed);
            assertThat(result.allPass()).as(result.toString()).isFalse();
            assertThat(result.output()).contains("FAIL");
        }
    }

    @Test
    void dkimpyShouldRejectMessageWhenSignedHeaderChanged() throws Exception {
        for (DkimSigningKey key : List.of(rsa2048, ed25519)) {
            byte[] signed = DkimSigner.withDefaults().signMessage(TestMessages.plain(), List.of(key));
            String tampered = new String(signed, StandardCharsets.US_ASCII).replace("Quarterly", "Quarterlx");

            DkimpyVerifier.Result result = verify(tampered.getBytes(StandardCharsets.US_ASCII));
            assertThat(result.allPass()).as(result.toString()).isFalse();
        }
    }

    @Test
    void dkimpyShouldRejectMessageWhenOverSignedHeaderAdded() throws Exception {
        byte[] signed = DkimSigner.withDefaults().signMessage(TestMessages.plain(), List.of(ed25519));
        String text = new String(signed, StandardCharsets.US_ASCII);
        int pos = text.indexOf("Received:");
        String tampered = text.substring(0, pos) + "Reply-To: attacker@evil.example\r\n" + text.substring(pos);

        DkimpyVerifier.Result result = verify(tampered.getBytes(StandardCharsets.US_ASCII));
        assertThat(result.allPass()).as(result.toString()).isFalse();
    }

    @Test
    void dkimpyShouldStillVerifyWhenUnsignedHeaderChanged() throws Exception {
        byte[] signed = DkimSigner.withDefaults().signMessage(TestMessages.plain(), List.of(rsa2048));
        String tampered = new String(signed, StandardCharsets.US_ASCII).replace("X-Unsigned: not listed", "X-Unsigned: changed");

        assertThat(verify(tampered.getBytes(StandardCharsets.US_ASCII)).allPass()).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
