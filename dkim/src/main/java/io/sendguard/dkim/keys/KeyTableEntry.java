package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;

import java.nio.file.Path;
import java.util.Objects;

/** One line of a {@link KeyTable}: domain, selector, algorithm, resolved key file, status. Immutable. */
public final class KeyTableEntry {
    private final String domain;
    private final String selector;
    private final DkimAlgorithm algorithm;
    private final Path keyFile;
    private final boolean active;
    private final int lineNumber;

    private KeyTableEntry(String domain, String selector, DkimAlgorithm algorithm, Path keyFile, boolean active,
                          int lineNumber) {
        this.domain = domain;
        this.selector = selector;
        this.algorithm = algorithm;
        this.keyFile = keyFile;
        this.active = active;
        this.lineNumber = lineNumber;
    }

    /**
     * @param domain     normalized signing domain
     * @param selector   normalized selector
     * @param algorithm  algorithm
     * @param keyFile    resolved key file
     * @param active     whether the key is used for signing
     * @param lineNumber line of the table file (1-based)
     * @return the entry
     */
    public static KeyTableEntry of(String domain, String selector, DkimAlgorithm algorithm, Path keyFile,
                                   boolean active, int lineNumber) {
        return new KeyTableEntry(Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(selector, "selector"),
                Objects.requireNonNull(algorithm, "algorithm"), Objects.requireNonNull(keyFile, "keyFile"),
                active, lineNumber);
    }

    /** @return the signing domain */
    public String domain() {
        return domain;
    }

    /** @return the selector */
    public String selector() {
        return selector;
    }

    /** @return the algorithm */
    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** @return the key file, resolved against the table's base directory */
    public Path keyFile() {
        return keyFile;
    }

    /** @return whether this key signs (an inactive key stays listed, e.g. during rotation) */
    public boolean active() {
        return active;
    }

    /** @return the 1-based line number in the table file */
    public int lineNumber() {
        return lineNumber;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyTableEntry)) {
            return false;
        }
        KeyTableEntry e = (KeyTableEntry) o;
        return domain.equals(e.domain) && selector.equals(e.selector) && algorithm == e.algorithm
                && keyFile.equals(e.keyFile) && active == e.active && lineNumber == e.lineNumber;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, selector, algorithm, keyFile, active, lineNumber);
    }

    @Override
    public String toString() {
        return domain + " " + selector + " " + algorithm.keyType() + " " + keyFile + " "
                + (active ? "active" : "inactive") + " (line " + lineNumber + ")";
    }
}
