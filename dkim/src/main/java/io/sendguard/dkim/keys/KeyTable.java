package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimPrivateKey;
import io.sendguard.dkim.DkimSigningKey;
import io.sendguard.dkim.DomainNames;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signing keys per domain, read from a UTF-8 text file. Immutable; {@link #reload()} returns a
 * new table which the caller swaps in atomically (e.g. through an {@code AtomicReference}).
 *
 * <p>Format: one key per line, fields separated by blanks:</p>
 * <pre>
 * # domain        selector   algorithm  keyfile                               [active|inactive]
 * example.com     s2025rsa   rsa        example.com.s2025rsa.rsa.pem           active
 * example.com     s2025ed    ed25519    example.com.s2025ed.ed25519.key
 * example.com     s2024rsa   rsa        old/example.com.s2024rsa.rsa.pem       inactive
 * </pre>
 *
 * <ul>
 *   <li>{@code #} starts a comment (whole line, or a field starting with {@code #}); blank lines are ignored.</li>
 *   <li>algorithm: {@code rsa}, {@code rsa-sha256}, {@code ed25519} or {@code ed25519-sha256}.</li>
 *   <li>keyfile: relative to the base directory given at load time (absolute paths allowed; no blanks).</li>
 *   <li>status defaults to {@code active}; several selectors per domain are allowed but at most one
 *       active key per domain and algorithm; a domain+selector pair appears once.</li>
 *   <li>Active keys are loaded (and validated) at load time; inactive keys are not read.</li>
 * </ul>
 *
 * <p>Lookup is by author domain; with parent-domain fallback enabled, a domain without active keys
 * uses the keys of its closest ancestor that has some ({@code sub.example.com -> example.com}).
 * Errors name the file and the line number.</p>
 */
public final class KeyTable {
    private final Path file;
    private final Path baseDirectory;
    private final boolean parentDomainFallback;
    private final List<KeyTableEntry> entries;
    private final Map<String, List<DkimSigningKey>> activeKeysByDomain;

    private KeyTable(Path file, Path baseDirectory, boolean parentDomainFallback, List<KeyTableEntry> entries,
                     Map<String, List<DkimSigningKey>> activeKeysByDomain) {
        this.file = file;
        this.baseDirectory = baseDirectory;
        this.parentDomainFallback = parentDomainFallback;
        this.entries = entries;
        this.activeKeysByDomain = activeKeysByDomain;
    }

    /**
     * Reads a key table and loads its active keys.
     *
     * @param file                 the table file (UTF-8)
     * @param baseDirectory        directory relative key file paths are resolved against
     * @param parentDomainFallback whether lookups fall back to parent domains
     * @return the table
     * @throws DkimConfigurationException when the file cannot be read, a line is invalid, or a key
     *                                    cannot be loaded; the message names the file and line
     */
    public static KeyTable load(Path file, Path baseDirectory, boolean parentDomainFallback)
            throws DkimConfigurationException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new DkimConfigurationException("key table " + file + " is not valid UTF-8");
        } catch (IOException e) {
            throw new DkimConfigurationException("key table " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<KeyTableEntry> entries = new ArrayList<>();
        Map<String, KeyTableEntry> bySelector = new HashMap<>();
        Map<String, Map<DkimAlgorithm, KeyTableEntry>> activeByDomain = new HashMap<>();
        Map<String, List<DkimSigningKey>> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            Optional<KeyTableEntry> parsed = parseLine(file, baseDirectory, lines.get(i), lineNumber);
            if (parsed.isEmpty()) {
                continue;
            }
            KeyTableEntry entry = parsed.get();
            KeyTableEntry previous = bySelector.putIfAbsent(entry.domain() + " " + entry.selector(), entry);
            if (previous != null) {
                throw error(file, lineNumber, "domain " + entry.domain() + " selector " + entry.selector()
                        + " already listed on line " + previous.lineNumber());
            }
            if (entry.active()) {
                Map<DkimAlgorithm, KeyTableEntry> perAlgorithm =
                        activeByDomain.computeIfAbsent(entry.domain(), d -> new EnumMap<>(DkimAlgorithm.class));
                KeyTableEntry otherActive = perAlgorithm.putIfAbsent(entry.algorithm(), entry);
                if (otherActive != null) {
                    throw error(file, lineNumber, "second active " + entry.algorithm().keyType() + " key for domain "
                            + entry.domain() + " (first on line " + otherActive.lineNumber()
                            + "); mark one inactive");
                }
                DkimPrivateKey privateKey;
                try {
                    privateKey = DkimKeyLoader.load(entry.keyFile(), entry.algorithm());
                } catch (DkimConfigurationException e) {
                    throw error(file, lineNumber, e.getMessage());
                }
                DkimSigningKey key;
                try {
                    key = DkimSigningKey.of(entry.domain(), entry.selector(), privateKey);
                } catch (DkimConfigurationException e) {
                    throw error(file, lineNumber, e.getMessage());
                }
                keys.computeIfAbsent(entry.domain(), d -> new ArrayList<>()).add(key);
            }
            entries.add(entry);
        }
        Map<String, List<DkimSigningKey>> sorted = new HashMap<>();
        keys.forEach((domain, list) -> {
            List<DkimSigningKey> copy = new ArrayList<>(list);
            copy.sort((a, b) -> a.algorithm().compareTo(b.algorithm()));
            sorted.put(domain, Collections.unmodifiableList(copy));
        });
        return new KeyTable(file, baseDirectory, parentDomainFallback, Collections.unmodifiableList(entries),
                Collections.unmodifiableMap(sorted));
    }

    private static Optional<KeyTableEntry> parseLine(Path file, Path baseDirectory, String line, int lineNumber)
            throws DkimConfigurationException {
        String trimmed = line.strip();
        if (lineNumber == 1 && trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1).strip();
        }
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        List<String> fields = new ArrayList<>();
        for (String f : trimmed.split("\\s+")) {
            if (f.startsWith("#")) {
                break;
            }
            fields.add(f);
        }
        if (fields.size() < 4 || fields.size() > 5) {
            throw error(file, lineNumber, "expected 'domain selector algorithm keyfile [active|inactive]', got "
                    + fields.size() + " fields");
        }
        String domain = DomainNames.normalize(fields.get(0))
                .orElseThrow(() -> error(file, lineNumber, "invalid domain '" + fields.get(0) + "'"));
        String selector = fields.get(1).endsWith(".") ? null : DomainNames.normalize(fields.get(1)).orElse(null);
        if (selector == null) {
            throw error(file, lineNumber, "invalid selector '" + fields.get(1) + "'");
        }
        DkimAlgorithm algorithm = DkimAlgorithm.parse(fields.get(2))
                .orElseThrow(() -> error(file, lineNumber, "unknown algorithm '" + fields.get(2)
                        + "' (expected rsa or ed25519)"));
        Path keyFile;
        try {
            keyFile = baseDirectory.resolve(fields.get(3)).normalize();
        } catch (RuntimeException e) {
            throw error(file, lineNumber, "invalid key file path '" + fields.get(3) + "'");
        }
        boolean active = true;
        if (fields.size() == 5) {
            String status = fields.get(4).toLowerCase(Locale.ROOT);
            if (status.equals("inactive")) {
                active = false;
            } else if (!status.equals("active")) {
                throw error(file, lineNumber, "invalid status '" + fields.get(4) + "' (expected active or inactive)");
            }
        }
        return Optional.of(KeyTableEntry.of(domain, selector, algorithm, keyFile, active, lineNumber));
    }

    private static DkimConfigurationException error(Path file, int lineNumber, String message) {
        return new DkimConfigurationException("key table " + file + " line " + lineNumber + ": " + message);
    }

    /**
     * Reads the same file again with the same settings.
     *
     * @return a new table; this one is unchanged
     * @throws DkimConfigurationException as {@link #load(Path, Path, boolean)}
     */
    public KeyTable reload() throws DkimConfigurationException {
        return load(file, baseDirectory, parentDomainFallback);
    }

    /**
     * The active keys for an author domain, one per algorithm (RSA first), for single or dual signing.
     *
     * @param authorDomain the domain of the From address
     * @return the keys of that domain or, with fallback, of its closest ancestor having active keys;
     *         empty when none (or when the domain is not a valid domain name)
     */
    public List<DkimSigningKey> activeKeys(String authorDomain) {
        Optional<String> normalized = DomainNames.normalize(authorDomain);
        if (normalized.isEmpty()) {
            return List.of();
        }
        String domain = normalized.get();
        while (true) {
            List<DkimSigningKey> keys = activeKeysByDomain.get(domain);
            if (keys != null) {
                return keys;
            }
            Optional<String> parent = parentDomainFallback ? DomainNames.parent(domain) : Optional.empty();
            if (parent.isEmpty()) {
                return List.of();
            }
            domain = parent.get();
        }
    }

    /**
     * @param authorDomain the domain of the From address
     * @param algorithm    the algorithm
     * @return the active key of that algorithm among {@link #activeKeys(String)}
     */
    public Optional<DkimSigningKey> activeKey(String authorDomain, DkimAlgorithm algorithm) {
        return activeKeys(authorDomain).stream().filter(k -> k.algorithm() == algorithm).findFirst();
    }

    /** @return all entries (active and inactive) in file order */
    public List<KeyTableEntry> entries() {
        return entries;
    }

    /** @return the table file */
    public Path file() {
        return file;
    }

    /** @return the directory key file paths are resolved against */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** @return whether lookups fall back to parent domains */
    public boolean parentDomainFallback() {
        return parentDomainFallback;
    }

    @Override
    public String toString() {
        return "KeyTable[" + file + ", " + entries.size() + " entries, parentDomainFallback=" + parentDomainFallback + "]";
    }
}
