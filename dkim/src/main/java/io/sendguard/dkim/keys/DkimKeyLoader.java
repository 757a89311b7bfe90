package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimPrivateKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads DKIM private keys from files.
 *
 * <ul>
 *   <li>RSA: PEM, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}),
 *       unencrypted, 1024 to 4096 bits.</li>
 *   <li>Ed25519: base64 of the 32-byte seed (the RFC 8463 format, whitespace ignored), or PKCS#8
 *       PEM ({@code BEGIN PRIVATE KEY}, OID 1.3.101.112).</li>
 * </ul>
 *
 * <p>Errors name the file but never contain key material. A warning is logged when a key file is
 * readable by group or others.</p>
 */
public final class DkimKeyLoader {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimKeyLoader.class);
    private static final long MAX_KEY_FILE_SIZE = 64 * 1024;
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private DkimKeyLoader() {
    }

    /**
     * Loads a private key of the given algorithm.
     *
     * @param file      the key file
     * @param algorithm the expected algorithm
     * @return the key
     * @throws DkimConfigurationException when the file cannot be read, is not a supported key of that
     *                                    algorithm, or the RSA key size is outside 1024..4096 bits
     */
    public static DkimPrivateKey load(Path file, DkimAlgorithm algorithm) throws DkimConfigurationException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(algorithm, "algorithm");
        String text = read(file);
        try {
            Optional<PemBlock> pem = PemBlock.parse(text);
            DkimPrivateKey key;
            if (pem.isPresent()) {
                key = fromPem(pem.get());
            } else if (algorithm == DkimAlgorithm.ED25519_SHA256) {
                key = DkimPrivateKey.ed25519(decodeSeed(text));
            } else {
                throw new DkimConfigurationException("no PEM block (expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
            }
            if (key.algorithm() != algorithm) {
                throw new DkimConfigurationException("contains a " + key.algorithm().keyType()
                        + " key, expected " + algorithm.keyType());
            }
            return key;
        } catch (DkimConfigurationException e) {
            throw new DkimConfigurationException("key file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new DkimConfigurationException("key file " + file + ": " + e.getMessage());
        }
    }

    /** Key files warned about as readable by others (warned again only after they were restricted once). */
    private static final java.util.Set<Path> WARNED_READABLE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String read(Path file) throws DkimConfigurationException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new DkimConfigurationException("key file " + file + " does not exist or is not a regular file");
            }
            if (Files.size(file) > MAX_KEY_FILE_SIZE) {
                throw new DkimConfigurationException("key file " + file + " is too large to be a private key");
            }
            Path known = file.toAbsolutePath().normalize();
            if (KeyFilePermissions.isReadableByGroupOrOthers(file)) {
                // once per file, not at every reload of the key table
                if (WARNED_READABLE.add(known)) {
                    LOGGER.warn("DKIM key file {} is readable by group or others; restrict it (chmod 600)", file);
                }
            } else {
                WARNED_READABLE.remove(known);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            Arrays.fill(bytes, (byte) 0);
            return text;
        } catch (IOException e) {
            throw new DkimConfigurationException("key file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] decodeSeed(String text) throws DkimConfigurationException {
        String compact = text.replaceAll("\\s+", "");
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new DkimConfigurationException("not base64 of a 32-byte Ed25519 seed nor a PEM private key");
        }
        if (seed.length != DkimPrivateKey.ED25519_SEED_LENGTH) {
            throw new DkimConfigurationException("Ed25519 seed must decode to 32 bytes, got " + seed.length);
        }
        return seed;
    }

    private static DkimPrivateKey fromPem(PemBlock pem) throws DkimConfigurationException {
        if (pem.hasHeaders() || pem.label().contains("ENCRYPTED")) {
            throw new DkimConfigurationException("encrypted private keys are not supported");
        }
        switch (pem.label()) {
            case "RSA PRIVATE KEY":
                return DkimPrivateKey.rsa(pkcs1(pem.der()));
            case "PRIVATE KEY":
                return pkcs8(pem.der());
            default:
                throw new DkimConfigurationException("unsupported PEM block '" + pem.label()
                        + "' (expected RSA PRIVATE KEY or PRIVATE KEY)");
        }
    }

    private static PrivateKey pkcs1(byte[] der) throws DkimConfigurationException {
        try {
            RSAPrivateKey k = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                    k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                    k.getCoefficient());
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (Exception e) {
            throw new DkimConfigurationException("not a valid PKCS#1 RSA private key");
        }
    }

    private static DkimPrivateKey pkcs8(byte[] der) throws DkimConfigurationException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (Exception e) {
            throw new DkimConfigurationException("not a valid PKCS#8 private key");
        }
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            PrivateKey key;
            try {
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception e) {
                throw new DkimConfigurationException("not a valid PKCS#8 RSA private key");
            }
            return DkimPrivateKey.rsa(key);
        }
        if (ID_ED25519.equals(oid)) {
            byte[] seed;
            try {
                seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            } catch (Exception e) {
                throw new DkimConfigurationException("not a valid PKCS#8 Ed25519 private key");
            }
            return DkimPrivateKey.ed25519(seed);
        }
        throw new DkimConfigurationException("unsupported PKCS#8 key algorithm " + oid.getId());
    }
}
