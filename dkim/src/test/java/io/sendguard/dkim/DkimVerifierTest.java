package io.sendguard.dkim;

import io.sendguard.dkim.canon.Canonicalization;
import io.sendguard.dkim.keys.DkimKeyLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DkimVerifierTest {
    private static DkimSigningKey rsa;
    private static DkimSigningKey ed;
    private final DkimVerifier verifier = new DkimVerifier();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = DkimSigningKey.of("example.com", "sel1", DkimPrivateKey.rsa(generator.generateKeyPair().getPrivate()));
        ed = DkimSigningKey.of("example.com", "ed1", DkimPrivateKey.ed25519(new byte[32]));
    }

    private static String signed(Canonicalization header, Canonicalization body) throws Exception {
        SignatureOptions options = SignatureOptions.builder().canonicalization(header, body).build();
        byte[] message = TestMessages.plain();
        return new String(new DkimSigner(options, java.time.Clock.systemUTC()).signMessage(message, List.of(rsa, ed)),
            StandardCharsets.ISO_8859_1);
    }

    private List<DkimVerifier.Result> verify(String message) throws Exception {
        return verifier.verify(message.getBytes(StandardCharsets.ISO_8859_1), List.of(rsa, ed));
    }

    @Test
    void verifyShouldAcceptOurSignaturesWhenNothingChanged() throws Exception {
        for (Canonicalization header : Canonicalization.values()) {
            for (Canonicalization body : Canonicalization.values()) {
                List<DkimVerifier.Result> results = verify(signed(header, body));

                assertThat(results).as("%s/%s", header, body).hasSize(2)
                    .allSatisfy(r -> assertThat(r.isValid()).as(r.toString()).isTrue());
            }
        }
    }

    @Test
    void verifyShouldRejectBothSignaturesWhenTheBodyChanged() throws Exception {
        String message = signed(Canonicalization.RELAXED, Canonicalization.RELAXED);
        String tampered = message.substring(0, message.length() - 4) + "X\r\n";

        assertThat(verify(tampered)).hasSize(2).allSatisfy(r -> {
            assertThat(r.isValid()).isFalse();
            assertThat(r.reason()).contains("body hash");
        });
    }

    @Test
    void verifyShouldRejectBothSignaturesWhenASignedHeaderChanged() throws Exception {
        String message = signed(Canonicalization.RELAXED, Canonicalization.RELAXED);
        int subject = message.indexOf("\r\nSubject: ") + 11;
        String tampered = message.substring(0, subject) + "X" + message.substring(subject);

        assertThat(verify(tampered)).hasSize(2).allSatisfy(r -> {
            assertThat(r.isValid()).isFalse();
            assertThat(r.reason()).contains("does not verify");
        });
    }

    @Test
    void verifyShouldRejectWhenASecondSubjectIsAddedBecauseSubjectIsOverSigned() throws Exception {
        String message = signed(Canonicalization.RELAXED, Canonicalization.RELAXED);
        int from = message.indexOf("\r\nFrom: ") + 2;
        String added = message.substring(0, from) + "Subject: urgent, pay now\r\n" + message.substring(from);

        assertThat(verify(added)).allSatisfy(r -> assertThat(r.isValid()).isFalse());
    }

    @Test
    void verifyShouldToleratePureWhitespaceChangesOnlyWithRelaxedCanonicalization() throws Exception {
        String relaxed = signed(Canonicalization.RELAXED, Canonicalization.RELAXED);
        String simple = signed(Canonicalization.SIMPLE, Canonicalization.SIMPLE);

        assertThat(verify(relaxed.replace("\r\nSubject: ", "\r\nSubject:    "))).allSatisfy(r -> assertThat(r.isValid()).isTrue());
        assertThat(verify(simple.replace("\r\nSubject: ", "\r\nSubject:    "))).allSatisfy(r -> assertThat(r.isValid()).isFalse());
    }

    @Test
    void verifyShouldSayNoKeyWhenTheSignatureIsByAnUnknownSelector() throws Exception {
        String message = signed(Canonicalization.RELAXED, Canonicalization.RELAXED);

        List<DkimVerifier.Result> results = verifier.verify(message.getBytes(StandardCharsets.ISO_8859_1), List.of(ed));

        assertThat(results).extracting(DkimVerifier.Result::isValid).containsExactly(false, true);
        assertThat(results.get(0).reason()).contains("no key", "s=sel1");
    }

    @Test
    void verifyShouldReturnNothingWhenTheMessageIsUnsigned() throws Exception {
        assertThat(verifier.verify(TestMessages.plain(), List.of(rsa, ed))).isEmpty();
    }

    @Test
    void verifyShouldAcceptBothSignaturesOfTheRfc8463ExampleWhenGivenItsPublishedKeys() throws Exception {
        // signatures made by someone else (RFC 8463 Appendix A.3), not by our signer
        Path dir = TestFiles.rfc8463Directory();
        byte[] message = Files.readAllBytes(dir.resolve("rfc8463-A3.eml"));
        DkimSigningKey published25519 = DkimSigningKey.of("football.example.com", "brisbane",
            DkimKeyLoader.load(dir.resolve("rfc8463-ed25519.seed.b64"), DkimAlgorithm.ED25519_SHA256));
        DkimSigningKey publishedRsa = DkimSigningKey.of("football.example.com", "test",
            DkimKeyLoader.load(dir.resolve("rfc8463-rsa.pem"), DkimAlgorithm.RSA_SHA256));

        List<DkimVerifier.Result> results = verifier.verify(message, List.of(published25519, publishedRsa));

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.isValid()).as(r.toString()).isTrue());
        String tampered = new String(message, StandardCharsets.US_ASCII).replace("Joe SixPack", "Joe Sixpack");
        assertThat(verifier.verify(tampered.getBytes(StandardCharsets.US_ASCII), List.of(published25519, publishedRsa)))
            .allSatisfy(r -> assertThat(r.isValid()).isFalse());
    }

    @Test
    void withoutSignatureValueShouldEmptyOnlyTheBTag() {
        String field = "DKIM-Signature: v=1; a=rsa-sha256; bh=abc=;\r\n b=xyz\r\n 123=";

        assertThat(DkimVerifier.withoutSignatureValue(field)).isEqualTo("DKIM-Signature: v=1; a=rsa-sha256; bh=abc=;\r\n b=");
    }

    @Test
    void verifyShouldRejectEachSignatureWhoseValueWasAltered() throws Exception {
        String message = signed(Canonicalization.RELAXED, Canonicalization.RELAXED);
        // one base64 character of each b= value changed (the Ed25519 check re-signs and compares, RSA verifies)
        StringBuilder tampered = new StringBuilder(message);
        int from = 0;
        int altered = 0;
        while ((from = tampered.indexOf(" b=", from)) >= 0) {
            int at = from + 3 + 5;
            tampered.setCharAt(at, tampered.charAt(at) == 'A' ? 'B' : 'A');
            from = at;
            altered++;
        }
        assertThat(altered).isEqualTo(2);

        assertThat(verify(tampered.toString())).hasSize(2).allSatisfy(r -> assertThat(r.isValid()).as(r.toString()).isFalse());
    }

    @Test
    void verifyShouldRejectAnEd25519SignatureMadeWithAnotherKeyOfTheSameSelector() throws Exception {
        byte[] otherSeed = new byte[32];
        otherSeed[0] = 1;
        DkimSigningKey other = DkimSigningKey.of("example.com", "ed1", DkimPrivateKey.ed25519(otherSeed));
        byte[] signedByOther = new DkimSigner(SignatureOptions.defaults(), java.time.Clock.systemUTC())
            .signMessage(TestMessages.plain(), List.of(other));

        List<DkimVerifier.Result> results = verifier.verify(signedByOther, List.of(ed));

        assertThat(results).hasSize(1);
        assertThat(results.get(0).isValid()).isFalse();
    }
}
