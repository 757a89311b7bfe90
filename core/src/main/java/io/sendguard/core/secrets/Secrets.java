package io.sendguard.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place Sendguard's keys come from ({@code links.secret}, {@code history.key}, {@code audit.hashKey}).
 * A configured value ({@code base64:...} or plain UTF-8 text) must have at least {@value #MIN_BYTES} bytes and must
 * not be one of the sample values published with earlier versions of the shipped conf: either stops James at
 * startup naming the file and the key. A key that is not configured is generated at first start ({@link SecureRandom},
 * {@value #GENERATED_BYTES} bytes) into {@code <directory>/<key>} (mode 0600, written atomically) and read from there
 * after every restart, so that links, hashes and the trail stay valid.
 */
public final class Secrets {
    private static final Logger LOGGER = LoggerFactory.getLogger(Secrets.class);
    public static final int MIN_BYTES = 32;
    public static final int GENERATED_BYTES = 48;
    /** Where generated keys are kept, relative to James's working directory. */
    public static final String DEFAULT_DIRECTORY = "var/sendguard/secrets";
    private static final String BASE64 = "base64:";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Values shipped in earlier versions of conf/: public, so never accepted as a key. */
    private static final List<String> PUBLISHED_SAMPLES = List.of(
        "base64:c2VuZGd1YXJkLWRlbW8tc2VjcmV0LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==",
        "base64:T2HQFIMUeeVX80CGDQFUYi+ead/1Na50aFT09svhinAscRrzqnQs4iJr33wrzEQI",
        "base64:c2VuZGd1YXJkLWRlbW8tYXVkaXQta2V5LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==");

    private final Path directory;

    private Secrets(Path directory) {
        this.directory = directory;
    }

    /** Generates missing keys into {@code directory} (created with mode 0700 when missing). */
    public static Secrets generatedIn(Path directory) {
        return new Secrets(directory);
    }

    /** Only configured keys: a missing one is an error (tools and tests). */
    public static Secrets configuredOnly() {
        return new Secrets(null);
    }

    /** Whether a key that is not configured can be had (generated, or generated before). */
    public boolean generates() {
        return directory != null;
    }

    /**
     * The key for {@code key} of {@code source}: the configured value when there is one (checked), else the
     * generated one.
     *
     * @param configured the value in the file; null or blank when not configured
     * @throws IllegalArgumentException naming {@code source} and {@code key} for a bad configured value, or a missing
     *     one when nothing may be generated
     */
    public byte[] obtain(String configured, String source, String key) {
        if (configured != null && !configured.isBlank()) {
            return checked(decode(configured, source, key), source, key);
        }
        if (directory == null) {
            throw new IllegalArgumentException(source + ": " + key + " is required (at least " + MIN_BYTES
                + " bytes, or base64:<value>)");
        }
        Path file = directory.resolve(key);
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            return checked(decode(stored, file.toString(), key), file.toString(), key);
        } catch (IOException e) {
            throw new UncheckedIOException("Sendguard cannot keep its generated " + key + " in " + file + " ("
                + source + " does not set it): " + e.getMessage(), e);
        }
    }

    private static byte[] checked(byte[] value, String source, String key) {
        if (value.length < MIN_BYTES) {
            throw new IllegalArgumentException(source + ": " + key + " must have at least " + MIN_BYTES
                + " bytes, has " + value.length + " (or remove it: a key is then generated at first start)");
        }
        for (String sample : PUBLISHED_SAMPLES) {
            if (Arrays.equals(value, decode(sample, "", ""))) {
                throw new IllegalArgumentException(source + ": " + key + " is a published sample value that anyone can"
                    + " read; remove it (a key is then generated at first start) or set your own");
            }
        }
        return value;
    }

    /** {@code base64:<standard or URL-safe base64>} or plain UTF-8 text. */
    static byte[] decode(String value, String source, String key) {
        String v = value.trim();
        if (!v.startsWith(BASE64)) {
            return v.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getMimeDecoder().decode(v.substring(BASE64.length()).replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + key + " is not valid base64");
        }
    }

    /** Writes a new random key to a temporary file of mode 0600, then moves it in place atomically. */
    private void generate(Path file) throws IOException {
        Files.createDirectories(directory);
        restrict(directory, "rwx------");
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        Path tmp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            restrict(tmp, "rw-------");
            Files.write(tmp, (BASE64 + Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.UTF_8));
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                // a hard link appears whole and never replaces a key another process generated first
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return; // theirs is used
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            LOGGER.warn("Sendguard generated a new {} in {} (mode 0600): keep this file, and back it up with the rest"
                + " of var/", file.getFileName(), file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs apply
        }
    }
}
