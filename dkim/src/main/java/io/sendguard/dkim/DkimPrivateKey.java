package io.sendguard.dkim;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A DKIM private key: RSA (1024 to 4096 bits) or Ed25519. Immutable; {@link #toString()} never
 * shows key material.
 */
public final class DkimPrivateKey {
    /** Smallest RSA modulus accepted (RFC 8301 requires at least 1024 bits). */
    public static final int MIN_RSA_BITS = 1024;
    /** Largest RSA modulus accepted. */
    public static final int MAX_RSA_BITS = 4096;
    /** Length of an Ed25519 private key seed. */
    public static final int ED25519_SEED_LENGTH = 32;

    private final DkimAlgorithm algorithm;
    private final RSAPrivateCrtKey rsaKey;
    private final Ed25519PrivateKeyParameters ed25519Key;
    private volatile java.security.PublicKey rsaPublic;
    /**
     * Per thread: an RSA Signature initialized with this key, or the SHA-256 for Ed25519 (getInstance
     * looks the provider up, initSign translates the key: both on every call otherwise). A Signature is
     * ready for the next message after sign().
     */
    private final ThreadLocal<Signature> rsaSigner = ThreadLocal.withInitial(this::newRsaSigner);
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(DkimPrivateKey::newSha256);

    private DkimPrivateKey(DkimAlgorithm algorithm, RSAPrivateCrtKey rsaKey, Ed25519PrivateKeyParameters ed25519Key) {
        this.algorithm = algorithm;
        this.rsaKey = rsaKey;
        this.ed25519Key = ed25519Key;
    }

    /**
     * @param key an RSA private key with CRT parameters (as loaded from PKCS#1 or PKCS#8)
     * @return the DKIM key for {@code rsa-sha256}
     * @throws DkimConfigurationException when the key is not an RSA CRT key or its size is outside 1024..4096 bits
     */
    public static DkimPrivateKey rsa(PrivateKey key) throws DkimConfigurationException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof RSAPrivateCrtKey)) {
            throw new DkimConfigurationException("not an RSA private key with CRT parameters (" + key.getAlgorithm() + ")");
        }
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        int bits = crt.getModulus().bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            throw new DkimConfigurationException("RSA key of " + bits + " bits not supported (allowed: "
                    + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits)");
        }
        return new DkimPrivateKey(DkimAlgorithm.RSA_SHA256, crt, null);
    }

    /**
     * @param seed the 32-byte Ed25519 private key seed (RFC 8032); copied
     * @return the DKIM key for {@code ed25519-sha256}
     * @throws DkimConfigurationException when the seed is not 32 bytes long
     */
    public static DkimPrivateKey ed25519(byte[] seed) throws DkimConfigurationException {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != ED25519_SEED_LENGTH) {
            throw new DkimConfigurationException("Ed25519 private key must be " + ED25519_SEED_LENGTH
                    + " bytes, got " + seed.length);
        }
        return new DkimPrivateKey(DkimAlgorithm.ED25519_SHA256, null, new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** @return the signing algorithm this key is for */
    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** @return the RSA modulus size in bits, or 256 for Ed25519 */
    public int bits() {
        return rsaKey != null ? rsaKey.getModulus().bitLength() : 256;
    }

    /**
     * @return the public key as published in the DNS {@code p=} tag: base64 of the DER
     *         SubjectPublicKeyInfo for RSA, base64 of the raw 32-byte key for Ed25519 (RFC 8463)
     */
    public String publicKeyBase64() {
        if (ed25519Key != null) {
            return Base64.getEncoder().encodeToString(ed25519Key.generatePublicKey().getEncoded());
        }
        try {
            RSAPublicKeySpec spec = new RSAPublicKeySpec(rsaKey.getModulus(), rsaKey.getPublicExponent());
            return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the RSA public key", e);
        }
    }

    /**
     * Signs DKIM header data: RSASSA-PKCS1-v1_5 with SHA-256 over the data, or Ed25519 over the
     * SHA-256 hash of the data (RFC 8463 section 3).
     *
     * @param headerData the canonicalized header data
     * @return the signature bytes
     * @throws DkimSigningException when the cryptographic operation fails
     */
    byte[] sign(byte[] headerData) throws DkimSigningException {
        try {
            if (ed25519Key != null) {
                MessageDigest digest = sha256.get();
                digest.reset();
                byte[] hash = digest.digest(headerData);
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, ed25519Key);
                signer.update(hash, 0, hash.length);
                return signer.generateSignature();
            }
            Signature signature = rsaSigner.get();
            signature.update(headerData);
            return signature.sign();
        } catch (UnavailableAlgorithmException e) {
            throw new DkimSigningException("signature algorithm unavailable: " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            rsaSigner.remove(); // a failed Signature may be left mid-message: a fresh one next time
            throw new DkimSigningException(algorithm.tagValue() + " signing failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Checks a signature made with this key (no DNS): for checking our own signatures before a mail leaves.
     * RSA: verified with the public key derived from the private key (cheap: the public exponent is small).
     * Ed25519: signed again and compared. Ed25519 is deterministic (RFC 8032 section 5.1.6: the same key
     * and data always give the same signature), so our signature over these data is exactly this one, and a
     * signature that differs means the data or the computation changed; this costs one signing, a third of
     * what an Ed25519 verification costs. It is stricter than verification (which would also accept another
     * valid encoding), and does not replace checking the signer against independent verifiers (the tests do,
     * with RFC 8463's vectors and dkimpy).
     *
     * @param headerData the canonicalized header data, as for {@link #sign(byte[])}
     * @param signature  the signature bytes (the decoded {@code b=} tag)
     * @return whether the signature is valid for the data
     */
    public boolean verify(byte[] headerData, byte[] signature) {
        try {
            if (ed25519Key != null) {
                return MessageDigest.isEqual(sign(headerData), signature);
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(rsaPublicKey());
            verifier.update(headerData);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | DkimSigningException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether signing with this key already checks its own result against faults: RSA signatures made by the
     * JDK's provider (SunRsaSign) are verified with the public exponent inside the private-key operation, and a
     * wrong result fails the signing ("RSA private key operation failed": the RSA-CRT fault attack would
     * otherwise leak the key). Ed25519 (BouncyCastle) checks only part of its work: that the point it computed
     * (R, nearly all of the signing time) lies on the curve, failing the signing otherwise; not the hashing or
     * the scalar arithmetic after it. {@link #verify} re-signs and compares, which checks everything.
     */
    public boolean signingChecksItself() {
        if (rsaKey == null) {
            return false;
        }
        try {
            return "SunRsaSign".equals(rsaSigner.get().getProvider().getName());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Signature newRsaSigner() {
        if (rsaKey == null) {
            return null;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(rsaKey);
            return signature;
        } catch (NoSuchAlgorithmException e) {
            throw new UnavailableAlgorithmException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key refused: " + e.getClass().getSimpleName(), e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UnavailableAlgorithmException(e);
        }
    }

    /** An algorithm the JDK should have is missing (reported as such, not as a signing failure). */
    private static final class UnavailableAlgorithmException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableAlgorithmException(NoSuchAlgorithmException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private java.security.PublicKey rsaPublicKey() throws GeneralSecurityException {
        java.security.PublicKey key = rsaPublic;
        if (key == null) {
            key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsaKey.getModulus(), rsaKey.getPublicExponent()));
            rsaPublic = key;
        }
        return key;
    }

    @Override
    public String toString() {
        return "DkimPrivateKey[" + algorithm.tagValue() + ", " + bits() + " bits]";
    }
}
