package io.sendguard.dkim.keys;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

/** Writes key files for tests. */
final class KeyFixtures {
    private KeyFixtures() {
    }

    static PrivateKey rsaKey(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair().getPrivate();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static Path writePkcs8(Path file, PrivateKey key) throws Exception {
        return Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    }

    static Path writePkcs1(Path file, PrivateKey key) throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        return Files.writeString(file, pem("RSA PRIVATE KEY", pkcs1), StandardCharsets.US_ASCII);
    }

    static Path writeEd25519Seed(Path file, byte[] seed) throws Exception {
        return Files.writeString(file, Base64.getEncoder().encodeToString(seed) + "\n", StandardCharsets.US_ASCII);
    }
}
