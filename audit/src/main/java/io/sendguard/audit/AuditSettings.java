package io.sendguard.audit;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import io.sendguard.core.secrets.Secrets;

/**
 * Settings of the audit trail, read from {@code conf/sendguard-audit.properties}. All defaults are applied
 * here; a bad value fails with the file and the key named.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@value #DIRECTORY}</td><td>{@value #DEFAULT_DIRECTORY}</td><td>where the trail lives, relative to James's working directory</td></tr>
 *   <tr><td>{@value #RECIPIENTS}</td><td>hashed</td><td>{@code full} or {@code hashed} (keyed HMAC)</td></tr>
 *   <tr><td>{@value #SENDERS}</td><td>full</td><td>the same for senders and actors who are addresses</td></tr>
 *   <tr><td>{@value #HASH_KEY}</td><td>(generated)</td><td>HMAC key, at least 32 bytes, or {@code base64:...};
 *     unset: generated at first start into var/sendguard/secrets/audit.hashKey ({@link Secrets})</td></tr>
 *   <tr><td>{@value #ROTATE_BYTES}</td><td>67108864</td><td>start a new file beyond this size (0 = never by size)</td></tr>
 *   <tr><td>{@value #ROTATE_DAILY}</td><td>true</td><td>start a new file each UTC day</td></tr>
 *   <tr><td>{@value #RETENTION}</td><td>0</td><td>delete files older than this many days ({@code 400d} or {@code 400}; 0 = keep forever)</td></tr>
 * </table>
 */
public final class AuditSettings {
    public static final String DIRECTORY = "audit.directory";
    public static final String RECIPIENTS = "audit.recipients";
    public static final String SENDERS = "audit.senders";
    public static final String HASH_KEY = "audit.hashKey";
    public static final String ROTATE_BYTES = "audit.rotateBytes";
    public static final String ROTATE_DAILY = "audit.rotateDaily";
    public static final String RETENTION = "audit.retention";
    public static final String SYNC = "audit.sync";
    static final Set<String> KEYS = Set.of(DIRECTORY, RECIPIENTS, SENDERS, HASH_KEY, ROTATE_BYTES, ROTATE_DAILY, RETENTION, SYNC);
    /** {@code audit.sync} when not set: records reach the disk within a second, the mail does not wait. */
    public static final Duration DEFAULT_SYNC = Duration.ofSeconds(1);
    static final Duration MAX_SYNC = Duration.ofSeconds(60);

    public static final String DEFAULT_DIRECTORY = "var/sendguard/audit";
    public static final long DEFAULT_ROTATE_BYTES = 64L * 1024 * 1024;

    private final AuditChain chain;
    private final String directory;
    private final AddressPolicy senders;
    private final AddressPolicy recipients;
    private final long rotateBytes;
    private final boolean rotateDaily;
    private final Duration retention;
    private final Duration sync;

    private AuditSettings(String directory, AddressPolicy senders, AddressPolicy recipients, long rotateBytes,
                          boolean rotateDaily, Duration retention, Duration sync, AuditChain chain) {
        this.chain = chain;
        this.directory = directory;
        this.senders = senders;
        this.recipients = recipients;
        this.rotateBytes = rotateBytes;
        this.rotateDaily = rotateDaily;
        this.retention = retention;
        this.sync = sync;
    }

    /** Full addresses, 64 MiB files, daily rotation, kept forever, each record synced: for tests and tools. */
    public static AuditSettings defaults() {
        return new AuditSettings(DEFAULT_DIRECTORY, AddressPolicy.full(), AddressPolicy.full(), DEFAULT_ROTATE_BYTES,
            true, Duration.ZERO, Duration.ZERO, AuditChain.unkeyed());
    }

    /**
     * @param source named in error messages (the file)
     * @throws IllegalArgumentException naming the source and the key
     */
    public static AuditSettings from(Properties properties, String source) {
        return from(properties, source, Secrets.configuredOnly());
    }

    /**
     * @param secrets where {@code audit.hashKey} comes from when the file does not set it
     * @throws IllegalArgumentException naming the source and the key
     */
    public static AuditSettings from(Properties properties, String source, Secrets secrets) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("audit.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown key " + key + " (known: " + KEYS + ")");
            }
        }
        String directory = value(properties, DIRECTORY, DEFAULT_DIRECTORY);
        String recipientsMode = mode(properties, source, RECIPIENTS, "hashed");
        String sendersMode = mode(properties, source, SENDERS, "full");
        AddressPolicy recipients = AddressPolicy.full();
        AddressPolicy senders = AddressPolicy.full();
        String configuredKey = properties.getProperty(HASH_KEY);
        boolean hashing = recipientsMode.equals("hashed") || sendersMode.equals("hashed");
        // the key also keys the chain (a key derived from it; the files never hold it): obtained whenever it can be
        byte[] key = hashing || secrets.generates() || (configuredKey != null && !configuredKey.isBlank())
            ? secrets.obtain(configuredKey, source, HASH_KEY) : null;
        if (recipientsMode.equals("hashed")) {
            recipients = AddressPolicy.hashed(key);
        }
        if (sendersMode.equals("hashed")) {
            senders = AddressPolicy.hashed(key);
        }
        long rotateBytes;
        try {
            rotateBytes = Long.parseLong(value(properties, ROTATE_BYTES, String.valueOf(DEFAULT_ROTATE_BYTES)));
            if (rotateBytes < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + ROTATE_BYTES + " must be a number of bytes >= 0, got '"
                + properties.getProperty(ROTATE_BYTES) + "'");
        }
        String daily = value(properties, ROTATE_DAILY, "true").toLowerCase(Locale.ROOT);
        if (!daily.equals("true") && !daily.equals("false")) {
            throw new IllegalArgumentException(source + ": " + ROTATE_DAILY + " must be true or false, got '" + daily + "'");
        }
        AuditChain chain = key == null ? AuditChain.unkeyed() : AuditChain.keyed(key);
        return new AuditSettings(directory, senders, recipients, rotateBytes, daily.equals("true"),
            retention(value(properties, RETENTION, "0"), source), sync(value(properties, SYNC, "1s"), source), chain);
    }

    /** {@code always} (zero) or a duration between 10 ms and 60 s: {@code 500ms}, {@code 1s}. */
    private static Duration sync(String value, String source) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("always")) {
            return Duration.ZERO;
        }
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else {
                throw new NumberFormatException();
            }
            if (d.toMillis() < 10 || d.compareTo(MAX_SYNC) > 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + SYNC + " must be always or a delay between 10ms and 60s"
                + " (e.g. 1s, 500ms), got '" + value + "'");
        }
    }

    private static String value(Properties properties, String key, String defaultValue) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static String mode(Properties properties, String source, String key, String defaultValue) {
        String mode = value(properties, key, defaultValue).toLowerCase(Locale.ROOT);
        if (!mode.equals("full") && !mode.equals("hashed")) {
            throw new IllegalArgumentException(source + ": " + key + " must be full or hashed, got '" + mode + "'");
        }
        return mode;
    }

    private static Duration retention(String value, String source) {
        String digits = value.toLowerCase(Locale.ROOT).endsWith("d") ? value.substring(0, value.length() - 1) : value;
        try {
            long days = Long.parseLong(digits.trim());
            if (days < 0 || days > 36500) {
                throw new NumberFormatException();
            }
            return Duration.ofDays(days);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + RETENTION + " must be a number of days (e.g. 400d, 0 = forever), got '"
                + value + "'");
        }
    }

    public AuditSettings withRotateBytes(long rotateBytes) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync, chain);
    }

    public AuditSettings withRotateDaily(boolean rotateDaily) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync, chain);
    }

    public AuditSettings withRetention(Duration retention) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync, chain);
    }

    public AuditSettings withRecipients(AddressPolicy recipients) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync, chain);
    }

    public AuditSettings withSenders(AddressPolicy senders) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync, chain);
    }

    /** How records are chained: HMAC-SHA256 under a key derived from {@value #HASH_KEY}, or plain SHA-256 without one. */
    public AuditChain chain() {
        return chain;
    }

    /** The same settings with records chained under a key derived from {@code hashKey} (tests and tools). */
    public AuditSettings withChainKey(byte[] hashKey) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync,
            AuditChain.keyed(hashKey));
    }

    public String directory() {
        return directory;
    }

    public AddressPolicy senders() {
        return senders;
    }

    public AddressPolicy recipients() {
        return recipients;
    }

    public long rotateBytes() {
        return rotateBytes;
    }

    public boolean rotateDaily() {
        return rotateDaily;
    }

    /** Zero: forever. */
    public Duration retention() {
        return retention;
    }

    /**
     * Zero: every record is on disk (fdatasync, grouped across threads) before {@code append} returns.
     * Otherwise records are written to the OS at once (a killed James loses none) and a background
     * thread syncs them to disk after at most this long (a power cut can lose the last interval).
     */
    public Duration sync() {
        return sync;
    }

    public AuditSettings withSync(Duration sync) {
        return new AuditSettings(directory, senders, recipients, rotateBytes, rotateDaily, retention, sync, chain);
    }

    @Override
    public String toString() {
        return "directory=" + directory + " senders=" + (senders.isHashed() ? "hashed" : "full") + " recipients="
            + (recipients.isHashed() ? "hashed" : "full") + " rotateBytes=" + rotateBytes + " rotateDaily=" + rotateDaily
            + " retention=" + retention.toDays() + "d sync=" + (sync.isZero() ? "always" : sync.toMillis() + "ms");
    }
}
