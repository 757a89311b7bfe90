package io.sendguard.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.sendguard.dkim.canon.Canonicalization;
import io.sendguard.dkim.keys.DkimKeyGenerator;
import io.sendguard.dkim.keys.GeneratedKey;
import io.sendguard.dkim.message.SignableForm;

/**
 * Messages with unusual header shapes (obsolete syntax, odd separators, whitespace-only folded lines, bare LF or
 * CR, tabs, unusual but valid name characters), signed in their signable form, verify with dkimpy under both
 * canonicalizations and both algorithms. Signed as they came, some did not: dkimpy reads them differently.
 */
class OddHeaderShapesTest {
    static final String FROM = "From: Alice <alice@example.com>\r\n";
    private static List<DkimSigningKey> keys;
    private static String dnsRecords;

    @TempDir
    static Path keyDir;
    @TempDir
    Path work;

    @BeforeAll
    static void generateKeys() throws Exception {
        DkimKeyGenerator generator = new DkimKeyGenerator(new SecureRandom());
        List<GeneratedKey> generated = List.of(
            generator.generate("example.com", "rsa", DkimAlgorithm.RSA_SHA256, 2048, keyDir),
            generator.generate("example.com", "ed", DkimAlgorithm.ED25519_SHA256, 0, keyDir));
        StringBuilder dns = new StringBuilder();
        keys = new ArrayList<>();
        for (GeneratedKey k : generated) {
            dns.append(k.dnsRecord().toZoneFileLine()).append('\n');
            keys.add(k.signingKey());
        }
        dnsRecords = dns.toString();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        String[][] shapes = {
            {"space before colon", FROM + "Subject : quarterly report\r\nTo: bob@partner.example\r\n\r\nbody\r\n"},
            {"tab before colon", FROM + "Subject\t: quarterly report\r\n\r\nbody\r\n"},
            {"whitespace-only folded lines", FROM + "Subject: quarterly\r\n \r\n\t\r\n report\r\n\r\nbody\r\n"},
            {"bare LF everywhere", "From: Alice <alice@example.com>\nSubject: x\n\tfolded\nTo: bob@partner.example\n\nline 1\nline 2\n"},
            {"bare CR in a value and the body", FROM + "Subject: a\rb\r\n\r\nline 1\rline 2\r\n"},
            {"tabs", FROM + "Subject:\tquarterly\t\treport\t\r\n\tnext\r\n\r\n\tindented\t\r\n"},
            {"unusual valid name characters", FROM + "X-Odd!#$%&'*+-.^_`|~: v\r\nSubject: x\r\n\r\nbody\r\n"},
            {"empty values", FROM + "Subject:\r\nX-Empty: \r\n\r\nbody\r\n"},
            {"no body", FROM + "Subject: x\r\n"},
        };
        for (String[] shape : shapes) {
            for (Canonicalization c : Canonicalization.values()) {
                out.add(Arguments.of(shape[0], shape[1], c));
            }
        }
        return out.stream();
    }

    private static DkimSigner signer(Canonicalization c) throws DkimConfigurationException {
        return new DkimSigner(SignatureOptions.builder().canonicalization(c, c).build(), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0} c={2}/{2}")
    @MethodSource("shapes")
    void dkimpyShouldVerifyTheSignableFormOfAnOddShape(String name, String raw, Canonicalization c) throws Exception {
        byte[] signable = SignableForm.of(raw.getBytes(StandardCharsets.ISO_8859_1));

        byte[] signed = signer(c).signMessage(signable, keys);

        DkimpyVerifier.Result result = DkimpyVerifier.verify(signed, dnsRecords, work);
        assertThat(result.allPass()).as(name + ": " + result).isTrue();
        assertThat(result.output()).contains("signature 0: PASS", "signature 1: PASS");
    }

    @Test
    void dkimpyShouldRefuseAnObsoleteFieldSignedAsItCame() throws Exception {
        byte[] raw = (FROM + "Subject : quarterly report\r\n\r\nbody\r\n").getBytes(StandardCharsets.ISO_8859_1);

        byte[] signed = signer(Canonicalization.RELAXED).signMessage(raw, keys);

        assertThat(DkimpyVerifier.verify(signed, dnsRecords, work).allPass()).as("why the signable form exists").isFalse();
    }

    @Test
    void dkimpyShouldRefuseABareLfBodySignedAsItCameOnceSentWithCrlf() throws Exception {
        byte[] raw = (FROM + "Subject: x\r\n\r\nline 1\rline 2\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] signed = signer(Canonicalization.RELAXED).signMessage(raw, keys);
        // what the SMTP client sends: every bare CR / LF as CRLF
        byte[] onTheWire = new String(signed, StandardCharsets.ISO_8859_1).replaceAll("\r(?!\n)", "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(DkimpyVerifier.verify(onTheWire, dnsRecords, work).allPass()).as("why the signable form exists").isFalse();
    }
}
