package io.sendguard.core.history;

import java.util.Properties;
import java.util.Set;

import io.sendguard.core.secrets.Secrets;

/**
 * The settings of the sending history, read from {@code conf/sendguard-history.properties}:
 *
 * <table>
 * <caption>keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>history.key</td><td>(generated)</td><td>HMAC key of the stored hashes, at least 32 bytes (or base64:...);
 * unset: generated at first start into var/sendguard/secrets/history.key ({@link Secrets})</td></tr>
 * <tr><td>history.directory</td><td>var/sendguard/history</td><td>where the history lives, relative to James's working directory</td></tr>
 * <tr><td>history.maxPerSender</td><td>5000</td><td>facts kept per sender (about three per recipient)</td></tr>
 * <tr><td>history.maxTotal</td><td>1000000</td><td>facts kept in all (36 bytes each on disk)</td></tr>
 * </table>
 */
public final class HistorySettings {
    public static final String KEY = "history.key";
    public static final String DIRECTORY = "history.directory";
    public static final String MAX_PER_SENDER = "history.maxPerSender";
    public static final String MAX_TOTAL = "history.maxTotal";
    public static final String DEFAULT_DIRECTORY = "var/sendguard/history";
    public static final int DEFAULT_MAX_PER_SENDER = 5000;
    public static final int DEFAULT_MAX_TOTAL = 1_000_000;
    private static final Set<String> KEYS = Set.of(KEY, DIRECTORY, MAX_PER_SENDER, MAX_TOTAL);

    private final byte[] key;
    private final String directory;
    private final int maxPerSender;
    private final int maxTotal;

    private HistorySettings(byte[] key, String directory, int maxPerSender, int maxTotal) {
        this.key = key;
        this.directory = directory;
        this.maxPerSender = maxPerSender;
        this.maxTotal = maxTotal;
    }

    /**
     * @param source named in errors (the file)
     * @throws IllegalArgumentException naming the source and the key of a missing or bad value
     */
    public static HistorySettings from(Properties properties, String source) {
        return from(properties, source, Secrets.configuredOnly());
    }

    /**
     * @param secrets where {@code history.key} comes from when the file does not set it
     * @throws IllegalArgumentException naming the source and the key of a missing or bad value
     */
    public static HistorySettings from(Properties properties, String source, Secrets secrets) {
        for (String name : properties.stringPropertyNames()) {
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(source + ": unknown key " + name + ", expected one of " + KEYS);
            }
        }
        byte[] key = secrets.obtain(properties.getProperty(KEY), source, KEY);
        String directory = properties.getProperty(DIRECTORY, DEFAULT_DIRECTORY).trim();
        if (directory.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + DIRECTORY + " must not be empty");
        }
        return new HistorySettings(key, directory, positive(properties, source, MAX_PER_SENDER, DEFAULT_MAX_PER_SENDER),
            positive(properties, source, MAX_TOTAL, DEFAULT_MAX_TOTAL));
    }

    private static int positive(Properties properties, String source, String name, int defaultValue) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + name + " must be a positive integer, got '" + value + "'");
        }
    }

    public byte[] key() {
        return key.clone();
    }

    public String directory() {
        return directory;
    }

    public int maxPerSender() {
        return maxPerSender;
    }

    public int maxTotal() {
        return maxTotal;
    }
}
