package io.sendguard.dkim;

import io.sendguard.dkim.canon.Canonicalization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DkimSignerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000L), ZoneOffset.UTC);
    private static DkimSigningKey rsa;
    private static DkimSigningKey ed;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = DkimSigningKey.of("Example.COM", "sel1", DkimPrivateKey.rsa(generator.generateKeyPair().getPrivate()));
        ed = DkimSigningKey.of("example.com", "ed1", DkimPrivateKey.ed25519(new byte[32]));
    }

    @Test
    void signShouldProduceFoldedCrlfHeaderWithShortLines() throws Exception {
        String header = new DkimSigner(SignatureOptions.defaults(), CLOCK).sign(TestMessages.plain(), rsa);

        assertThat(header).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;")
                .endsWith("\r\n").contains(" s=sel1;", " t=1700000000;");
        assertThat(header.substring(0, header.length() - 2).replace("\r\n ", "")).doesNotContain("\r", "\n");
        for (String line : header.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(header).doesNotContain(" x=", " i=", " l=", " q=");
    }

    @Test
    void signShouldAddExpiryFromClock() throws Exception {
        SignatureOptions options = SignatureOptions.builder().expiry(Duration.ofHours(1)).build();

        String header = new DkimSigner(options, CLOCK).sign(TestMessages.plain(), ed);

        assertThat(header).contains(" t=1700000000;", " x=1700003600;", "a=ed25519-sha256");
    }

    @Test
    void signShouldBeDeterministicForEd25519AndSameForStreamInput() throws Exception {
        DkimSigner signer = new DkimSigner(SignatureOptions.defaults(), CLOCK);

        assertThat(signer.sign(new ByteArrayInputStream(TestMessages.plain()), ed))
                .isEqualTo(signer.sign(TestMessages.plain(), ed));
    }

    @Test
    void simpleHeaderCanonicalizationShouldBeNamedInCTag() throws Exception {
        SignatureOptions options = SignatureOptions.builder()
                .canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build();

        assertThat(new DkimSigner(options, CLOCK).sign(TestMessages.plain(), ed)).contains(" c=simple/simple;");
    }

    @Test
    void signShouldRejectMessageWithoutFrom() {
        byte[] message = "To: a@example.com\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> DkimSigner.withDefaults().sign(message, ed))
                .isInstanceOf(DkimSigningException.class).hasMessageContaining("From");
    }

    @Test
    void signShouldRejectIdentityOutsideSigningDomain() throws Exception {
        SignatureOptions options = SignatureOptions.builder().identity("@other.example").build();

        assertThatThrownBy(() -> new DkimSigner(options, CLOCK).sign(TestMessages.plain(), ed))
                .isInstanceOf(DkimSigningException.class).hasMessageContaining("other.example");
    }

    @Test
    void signShouldAcceptIdentityInSubdomain() throws Exception {
        SignatureOptions options = SignatureOptions.builder().identity("news@mail.example.com").build();

        assertThat(new DkimSigner(options, CLOCK).sign(TestMessages.plain(), ed)).contains(" i=news@mail.example.com;");
    }

    @Test
    void optionsShouldRejectInvalidExpiryAndIdentity() {
        assertThatThrownBy(() -> SignatureOptions.builder().expiry(Duration.ZERO).build())
                .isInstanceOf(DkimConfigurationException.class);
        assertThatThrownBy(() -> SignatureOptions.builder().identity("no-at-sign").build())
                .isInstanceOf(DkimConfigurationException.class);
    }

    @Test
    void signAllShouldSignEachKeyOverTheOriginalMessage() throws Exception {
        DkimSigner signer = new DkimSigner(SignatureOptions.defaults(), CLOCK);

        List<String> both = signer.signAll(TestMessages.plain(), List.of(rsa, ed));

        assertThat(both.get(1)).isEqualTo(signer.sign(TestMessages.plain(), ed));
    }

    @Test
    void toStringShouldNotRevealKeyMaterial() {
        assertThat(ed.toString()).isEqualTo("DkimSigningKey[d=example.com, s=ed1, DkimPrivateKey[ed25519-sha256, 256 bits]]");
    }
}
