package io.sendguard.core.suppression;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.recipients.DomainNames;

/**
 * The addresses and domains mail must not go to (退会者, unsubscribed, hard-bounced): the entries of
 * the configuration's suppression file ({@link SuppressionFile}) together with the entries admins
 * manage (WebAdmin), which are kept in {@value #STORE_FILE} in their own directory (written to a
 * temporary file, forced to disk, atomically renamed).
 *
 * <p>The file is looked at again at most every {@code reloadCheckInterval} and re-read when its
 * modification time or size changed; a broken new version is refused (logged, naming the line) and
 * the previous list stays in force. A broken file at opening is an error. A missing file is an empty
 * list. Thread-safe.
 */
public final class SuppressionList {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionList.class);

    public static final String STORE_FILE = "suppressions.tsv";
    static final String TEMPORARY_FILE = "suppressions.tsv.tmp";

    private final Path confFile;
    private final Path storeDirectory;
    private final Clock clock;
    private final Duration reloadCheckInterval;

    private Map<String, SuppressionEntry> fileEntries = Map.of();
    private final Map<String, SuppressionEntry> adminEntries = new LinkedHashMap<>();
    private Object loadedSignature;
    private Object seenSignature;
    private Instant nextCheck;

    private SuppressionList(Path confFile, Path storeDirectory, Clock clock, Duration reloadCheckInterval) {
        this.confFile = confFile;
        this.storeDirectory = storeDirectory;
        this.clock = clock;
        this.reloadCheckInterval = reloadCheckInterval;
    }

    /**
     * @throws IllegalArgumentException naming the file and line when the suppression file or the store is broken
     */
    public static SuppressionList open(Path confFile, Path storeDirectory, Clock clock, Duration reloadCheckInterval)
        throws IOException {
        SuppressionList list = new SuppressionList(confFile, storeDirectory, clock, reloadCheckInterval);
        Files.createDirectories(storeDirectory);
        Files.deleteIfExists(storeDirectory.resolve(TEMPORARY_FILE));
        list.loadStore();
        Object signature = list.signature();
        list.fileEntries = list.readFile();
        list.loadedSignature = signature;
        list.seenSignature = signature;
        list.nextCheck = clock.instant().plus(reloadCheckInterval);
        return list;
    }

    /** The entry that covers a normalized address (the address itself first, then its domain and parents). */
    public synchronized Optional<SuppressionEntry> find(String normalizedAddress) {
        maybeReload();
        for (Map<String, SuppressionEntry> entries : List.of(adminEntries, fileEntries)) {
            SuppressionEntry exact = entries.get(normalizedAddress);
            if (exact != null) {
                return Optional.of(exact);
            }
        }
        String domain = DomainNames.domainOf(normalizedAddress);
        while (true) {
            for (Map<String, SuppressionEntry> entries : List.of(adminEntries, fileEntries)) {
                SuppressionEntry byDomain = entries.get("@" + domain);
                if (byDomain != null) {
                    return Optional.of(byDomain);
                }
            }
            int dot = domain.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            domain = domain.substring(dot + 1);
        }
    }

    /** Every entry: the file's, then the admins'. */
    public synchronized List<SuppressionEntry> entries() {
        maybeReload();
        List<SuppressionEntry> all = new ArrayList<>(fileEntries.values());
        all.addAll(adminEntries.values());
        return all;
    }

    /**
     * Adds (or replaces) an admin entry, durably.
     *
     * @return the entry as stored
     * @throws IllegalArgumentException when {@code raw} is neither an address nor {@code @domain}
     */
    public synchronized SuppressionEntry put(String raw, SuppressionReason reason) throws IOException {
        String value = SuppressionEntry.normalize(raw);
        SuppressionEntry entry = new SuppressionEntry(value, reason, SuppressionEntry.Source.WEBADMIN,
            Optional.of(clock.instant()));
        SuppressionEntry previous = adminEntries.put(value, entry);
        try {
            writeStore();
        } catch (IOException e) {
            if (previous == null) {
                adminEntries.remove(value);
            } else {
                adminEntries.put(value, previous);
            }
            throw e;
        }
        return entry;
    }

    /**
     * Removes an admin entry, durably.
     *
     * @return false when there is no such admin entry (entries of the file are removed by editing it)
     * @throws IllegalArgumentException when {@code raw} is neither an address nor {@code @domain}
     */
    public synchronized boolean remove(String raw) throws IOException {
        String value = SuppressionEntry.normalize(raw);
        SuppressionEntry previous = adminEntries.remove(value);
        if (previous == null) {
            return false;
        }
        try {
            writeStore();
        } catch (IOException e) {
            adminEntries.put(value, previous);
            throw e;
        }
        return true;
    }

    /** Whether the suppression file lists the entry. */
    public synchronized boolean fileLists(String raw) {
        maybeReload();
        return fileEntries.containsKey(SuppressionEntry.normalize(raw));
    }

    private void maybeReload() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(reloadCheckInterval);
        Object signature;
        try {
            signature = signature();
        } catch (IOException e) {
            LOGGER.warn("Suppression file {} cannot be read, the previous list stays in force: {}", confFile, e.toString());
            return;
        }
        if (Objects.equals(signature, loadedSignature) || Objects.equals(signature, seenSignature)) {
            return;
        }
        seenSignature = signature;
        try {
            fileEntries = readFile();
            loadedSignature = signature;
            LOGGER.info("Suppression file {} reloaded: {} entries", confFile, fileEntries.size());
        } catch (IllegalArgumentException | IOException e) {
            LOGGER.warn("Suppression file {} refused, the previous list stays in force: {}", confFile, e.getMessage());
        }
    }

    private Object signature() throws IOException {
        try {
            FileTime modified = Files.getLastModifiedTime(confFile);
            return List.of(modified.toMillis(), Files.size(confFile));
        } catch (NoSuchFileException e) {
            return "missing";
        }
    }

    private Map<String, SuppressionEntry> readFile() throws IOException {
        if (!Files.exists(confFile)) {
            return Map.of();
        }
        String content = new String(Files.readAllBytes(confFile), StandardCharsets.UTF_8);
        Map<String, SuppressionEntry> entries = new LinkedHashMap<>();
        for (String value : SuppressionFile.parse(content, confFile.toString())) {
            entries.put(value, new SuppressionEntry(value, SuppressionReason.LISTED, SuppressionEntry.Source.CONF_FILE,
                Optional.empty()));
        }
        return Map.copyOf(entries);
    }

    private void loadStore() throws IOException {
        Path file = storeDirectory.resolve(STORE_FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                if (fields.length != 3) {
                    throw new IllegalArgumentException("expected entry, reason and time separated by tabs");
                }
                String value = SuppressionEntry.normalize(fields[0]);
                adminEntries.put(value, new SuppressionEntry(value, SuppressionReason.parseAdminReason(fields[1]),
                    SuppressionEntry.Source.WEBADMIN, Optional.of(Instant.parse(fields[2]))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    private void writeStore() throws IOException {
        StringBuilder content = new StringBuilder();
        for (SuppressionEntry entry : adminEntries.values()) {
            content.append(entry.value()).append('\t').append(entry.reason().label()).append('\t')
                .append(entry.addedAt().orElseThrow()).append('\n');
        }
        Path temporary = storeDirectory.resolve(TEMPORARY_FILE);
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, storeDirectory.resolve(STORE_FILE), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(storeDirectory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can force a directory; the rename itself is atomic
        }
    }
}
