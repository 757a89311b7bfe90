package io.sendguard.inspection.keyword;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the dictionary in force and reloads it when its file changes.
 *
 * <p>{@link #current()} is a lock-free read of an {@link AtomicReference}. {@link #reloadIfChanged()}
 * compares the file's modification time and size with those of the last load attempt; on a change it parses
 * the file and swaps the new dictionary in. A new file that fails to load (bad syntax, bad regex, missing,
 * unreadable) is refused: the previous dictionary stays in force, the error is logged and kept in
 * {@link #lastError()}, and the same broken version is not parsed again until the file changes once more.
 * Thread-safe; concurrent reloads are serialized.
 */
public final class DictionaryHolder {
    private static final Logger LOG = LoggerFactory.getLogger(DictionaryHolder.class);

    private final Path file;
    private final AtomicReference<KeywordDictionary> current = new AtomicReference<>();
    private final AtomicReference<Exception> lastError = new AtomicReference<>();
    private final Object reloadLock = new Object();
    private volatile String lastStamp;

    private DictionaryHolder(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Loads the file for the first time.
     *
     * @throws KeywordDictionaryException when the initial file is broken: there is no previous version to keep
     */
    public static DictionaryHolder load(Path file) throws IOException, KeywordDictionaryException {
        DictionaryHolder holder = new DictionaryHolder(file);
        String stamp = stamp(file);
        holder.current.set(KeywordDictionary.load(file));
        holder.lastStamp = stamp;
        return holder;
    }

    /** The dictionary in force. */
    public KeywordDictionary current() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /** The error of the last refused reload, cleared by a successful one. */
    public Optional<Exception> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /**
     * Reloads when the file's mtime or size changed since the last attempt.
     *
     * @return {@code true} when a new dictionary was put in force; {@code false} when nothing changed or the
     *     new file was refused (see {@link #lastError()})
     */
    public boolean reloadIfChanged() {
        synchronized (reloadLock) {
            String stamp;
            try {
                stamp = stamp(file);
            } catch (IOException e) {
                if (!"missing".equals(lastStamp)) {
                    LOG.warn("keyword dictionary {} cannot be read, keeping the current one: {}", file, e.toString());
                    lastError.set(e);
                    lastStamp = "missing";
                }
                return false;
            }
            if (stamp.equals(lastStamp)) {
                return false;
            }
            lastStamp = stamp;
            try {
                KeywordDictionary next = KeywordDictionary.load(file);
                current.set(next);
                lastError.set(null);
                LOG.info("keyword dictionary reloaded: {}", next);
                return true;
            } catch (IOException | KeywordDictionaryException | RuntimeException e) {
                lastError.set(e);
                LOG.warn("keyword dictionary {} refused, keeping the previous one: {}", file, e.getMessage());
                return false;
            }
        }
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        return attrs.lastModifiedTime().toMillis() + ":" + attrs.size();
    }
}
