package io.sendguard.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;

import org.junit.jupiter.api.Test;

/**
 * DkimSign skips re-checking an RSA signature when the bytes sent are the bytes signed, because the JDK's
 * signer checks its own result: these tests hold that claim to account.
 */
class DkimPrivateKeySelfCheckTest {
    private static RSAPrivateCrtKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    @Test
    void rsaSigningChecksItselfAndEd25519DoesNot() throws Exception {
        assertThat(DkimPrivateKey.rsa(rsaKey()).signingChecksItself()).isTrue();
        assertThat(DkimPrivateKey.ed25519(new byte[32]).signingChecksItself()).isFalse();
    }

    @Test
    void aFaultInTheRsaCrtComputationFailsTheSigningInsteadOfGivingAWrongSignature() throws Exception {
        RSAPrivateCrtKey good = rsaKey();
        // a wrong CRT exponent stands for a fault in the computation: the result would leak the key
        RSAPrivateCrtKey faulty = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
            good.getModulus(), good.getPublicExponent(), good.getPrivateExponent(), good.getPrimeP(), good.getPrimeQ(),
            good.getPrimeExponentP().add(BigInteger.TWO), good.getPrimeExponentQ(), good.getCrtCoefficient()));
        DkimPrivateKey key = DkimPrivateKey.rsa(faulty);
        byte[] data = "from:a@example.com\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> key.sign(data)).isInstanceOf(DkimSigningException.class);
        assertThat(DkimPrivateKey.rsa(good).sign(data)).hasSize(256);
    }
}
