package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimPrivateKey;
import io.sendguard.dkim.DkimSigningKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Generates DKIM key pairs and writes the private key in the layout {@link KeyTable} expects:
 * {@code <out>/<domain>.<selector>.rsa.pem} (PKCS#8 PEM) or {@code <out>/<domain>.<selector>.ed25519.key}
 * (base64 of the 32-byte seed, RFC 8463), created with mode 0600 where POSIX permissions exist.
 * Existing files are never overwritten.
 */
public final class DkimKeyGenerator {
    /** Default RSA modulus size. */
    public static final int DEFAULT_RSA_BITS = 2048;

    private final SecureRandom random;

    /** @param random source of randomness */
    public DkimKeyGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Creates a generator using a default {@link SecureRandom}. */
    public DkimKeyGenerator() {
        this(new SecureRandom());
    }

    /**
     * Generates a key pair and writes the private key file.
     *
     * @param domain          signing domain
     * @param selector        selector
     * @param algorithm       algorithm
     * @param rsaBits         RSA modulus size (1024..4096, ignored for Ed25519)
     * @param outputDirectory directory to write to (created if missing); the key table base directory
     * @return the generated key, its file, key table line and DNS record
     * @throws DkimConfigurationException when an argument is invalid or the key file already exists
     * @throws IOException                when writing fails
     */
    public GeneratedKey generate(String domain, String selector, DkimAlgorithm algorithm, int rsaBits,
                                 Path outputDirectory) throws DkimConfigurationException, IOException {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        String pem;
        DkimPrivateKey privateKey;
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            if (rsaBits < DkimPrivateKey.MIN_RSA_BITS || rsaBits > DkimPrivateKey.MAX_RSA_BITS) {
                throw new DkimConfigurationException("RSA key size must be " + DkimPrivateKey.MIN_RSA_BITS + " to "
                        + DkimPrivateKey.MAX_RSA_BITS + " bits, got " + rsaBits);
            }
            KeyPair pair;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(rsaBits, random);
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new DkimConfigurationException("RSA key generation unavailable", e);
            }
            privateKey = DkimPrivateKey.rsa(pair.getPrivate());
            pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } else {
            Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(random);
            byte[] seed = params.getEncoded();
            privateKey = DkimPrivateKey.ed25519(seed);
            pem = Base64.getEncoder().encodeToString(seed) + "\n";
            Arrays.fill(seed, (byte) 0);
        }
        DkimSigningKey key = DkimSigningKey.of(domain, selector, privateKey);
        String fileName = key.domain() + "." + key.selector() + "." + algorithm.keyType()
                + (algorithm == DkimAlgorithm.RSA_SHA256 ? ".pem" : ".key");
        Files.createDirectories(outputDirectory);
        Path file = outputDirectory.resolve(fileName);
        writeNew(file, pem.getBytes(StandardCharsets.US_ASCII));
        String line = key.domain() + " " + key.selector() + " " + algorithm.keyType() + " " + fileName + " active";
        return new GeneratedKey(key, file, line, DnsTxtRecord.forKey(key));
    }

    private static void writeNew(Path file, byte[] content) throws DkimConfigurationException, IOException {
        try {
            if (KeyFilePermissions.supportsPosix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new DkimConfigurationException("key file " + file + " already exists; not overwriting it");
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
